"use client";
import type { PriceRow } from "./llm-form-state";

/** Prices in US dollars per million tokens, per model name as the server reports it. Unpriced models count tokens but no cost. */
export function PriceTable({ rows, onChange }: { rows: PriceRow[]; onChange: (rows: PriceRow[]) => void }) {
  const set = (i: number, patch: Partial<PriceRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div>
      {rows.length > 0 && (
        <table className="simple">
          <thead><tr><th>Model</th><th style={{ width: 150 }}>Input $ / 1M tokens</th><th style={{ width: 150 }}>Output $ / 1M tokens</th><th style={{ width: 40 }} /></tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td><input value={r.model} onChange={(e) => set(i, { model: e.target.value })} placeholder="model name" aria-label="price model" /></td>
                <td><input value={r.input} onChange={(e) => set(i, { input: e.target.value })} inputMode="decimal" aria-label="input price" /></td>
                <td><input value={r.output} onChange={(e) => set(i, { output: e.target.value })} inputMode="decimal" aria-label="output price" /></td>
                <td><button type="button" className="btn small danger" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label="remove price">✕</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="btn small" style={{ marginTop: 6 }} onClick={() => onChange([...rows, { model: "", input: "", output: "" }])}>Add a price</button>
    </div>
  );
}
