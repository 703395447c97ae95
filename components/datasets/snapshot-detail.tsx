"use client";
import { BarChart } from "./bar-chart";
import { TokenLengths } from "./token-lengths";
import { downloadLinks, useSnapshot } from "./use-datasets";

const pct = (n: number, total: number) => (total ? `${Math.round((100 * n) / total)}%` : "n/a");

/** One snapshot: downloads per format, statistics as bars, token lengths per format, and the dataset card. */
export function SnapshotDetail({ id }: { id: number }) {
  const q = useSnapshot(id);
  if (q.isPending) return <p className="muted">Loading snapshot…</p>;
  if (q.error) return <p className="alert" role="alert">{q.error.message}</p>;
  const { snapshot, stats, approved, trees, card } = q.data;
  return (
    <section className="card snapshot-detail" data-testid="snapshot-detail">
      <div className="spread">
        <h2>{snapshot.name}</h2>
        <span className="mono muted" title={snapshot.hash}>{snapshot.hash.slice(0, 16)}…</span>
      </div>
      <p className="row downloads">
        {downloadLinks(id).map((l) => (
          <a key={l.href} className="btn small" href={l.href} download data-testid={l.testId}>{l.label}</a>
        ))}
      </p>
      <p className="muted">Downloads are for admins; the CLI writes the same files with the card: <code>npx flywheel export {id} --format …</code>.</p>
      <div className="grid2">
        <BarChart title="Split" entries={Object.entries(stats.bySplit)} />
        <BarChart title="Cases per outcome" entries={stats.byOutcome} />
        <BarChart title="Legal vs violating" entries={[["legal", stats.legal], ["violating (hack path)", stats.violating]]} />
        <BarChart title="Verification and approval" entries={[[`verified (${pct(stats.verified, stats.rows)})`, stats.verified], [`approved now (${pct(approved, stats.rows)})`, approved]]} />
        <BarChart title="Per branch" entries={stats.byBranch} />
        <BarChart title="Personas" entries={stats.byPersona} />
        <BarChart title="Tree depth (nodes per branch)" entries={trees.depth} />
        <BarChart title="Branching factor (children per inner node)" entries={trees.branching} />
      </div>
      <TokenLengths id={id} cases={snapshot.cases} />
      <details>
        <summary>Dataset card</summary>
        <pre className="card-markdown" data-testid="dataset-card">{card}</pre>
      </details>
    </section>
  );
}
