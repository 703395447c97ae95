/** Horizontal bars in plain CSS: label, a bar scaled to the largest value, the count. */
export function BarChart({ title, entries, limit = 12 }: { title: string; entries: [string, number][]; limit?: number }) {
  const shown = entries.slice(0, limit);
  const max = Math.max(1, ...shown.map(([, n]) => n));
  const rest = entries.slice(limit).reduce((s, [, n]) => s + n, 0);
  return (
    <figure className="bar-chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      {shown.length === 0 && <p className="muted">No data.</p>}
      {shown.map(([label, n]) => (
        <div className="bar-row" key={label} title={`${label}: ${n}`}>
          <span className="bar-label">{label}</span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: `${(100 * n) / max}%` }} />
          </span>
          <span className="bar-value">{n}</span>
        </div>
      ))}
      {rest > 0 && <p className="muted">… {entries.length - limit} more ({rest})</p>}
    </figure>
  );
}
