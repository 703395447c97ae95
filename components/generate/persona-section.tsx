"use client";
import { useState } from "react";
import { useImportPersonas, usePersonaSample } from "./use-generate";

/** Sample size and seed, the personas they pick, and importing more (the paper's {persona, id} JSONL). */
export function PersonaSection({ count, seed, onCount, onSeed }: { count: number; seed: number; onCount: (n: number) => void; onSeed: (n: number) => void }) {
  const sample = usePersonaSample(count, seed);
  const upload = useImportPersonas();
  const [showAll, setShowAll] = useState(false);
  const onFile = async (file: File | undefined) => file && upload.mutate({ text: await file.text(), source: file.name });
  const people = sample.data?.sample ?? [];
  const shown = showAll ? people : people.slice(0, 4);
  const r = upload.data;
  return (
    <div className="card" data-testid="persona-section">
      <h2>Personas</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        {sample.data ? `${sample.data.total} in the library. ` : ""}Each case gets one; none repeats before all sampled ones are used.
      </p>
      <div className="row">
        <label className="field" style={{ flex: 1 }}><span>Sample size</span>
          <input type="number" min={1} value={count} onChange={(e) => onCount(Math.max(1, Number(e.target.value) || 1))} data-testid="persona-count" />
        </label>
        <label className="field" style={{ flex: 1 }}><span>Seed</span>
          <input type="number" min={0} value={seed} onChange={(e) => onSeed(Math.max(0, Number(e.target.value) || 0))} data-testid="persona-seed" />
        </label>
      </div>
      <ul style={{ margin: "0 0 6px", paddingLeft: 18, fontSize: 12.5 }} data-testid="persona-sample">
        {shown.map((p) => <li key={p.id} title={p.id}>{p.persona}</li>)}
      </ul>
      {people.length > 4 && <button type="button" className="btn small" onClick={() => setShowAll(!showAll)}>{showAll ? "Show fewer" : `Show all ${people.length}`}</button>}
      <details style={{ marginTop: 10 }}>
        <summary>Import personas (JSONL)</summary>
        <p className="muted" style={{ fontSize: 12.5 }}>One <code>{'{"persona": "...", "id": "..."}'}</code> object a line, as the paper&apos;s persona_5K.jsonl. Bad and duplicate lines are listed, not imported.</p>
        <input type="file" accept=".jsonl,.json,.txt" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="persona-file" />
        {upload.isPending && <p className="muted">Importing…</p>}
        {upload.error && <div className="alert error">{upload.error.message}</div>}
        {r && (
          <div className={`alert ${r.bad.length || r.duplicates.length ? "warn" : "ok"}`} data-testid="persona-import-result">
            {r.added} added · {r.duplicates.length} duplicate(s) · {r.bad.length} bad line(s) · {r.total} in the library
            {[...r.bad.map((b) => ({ line: b.line, text: b.reason })), ...r.duplicates.map((d) => ({ line: d.line, text: `duplicate: ${d.reason}` }))]
              .sort((a, b) => a.line - b.line)
              .slice(0, 50)
              .map((x) => <div key={x.line} className="mono" style={{ fontSize: 12 }}>line {x.line}: {x.text}</div>)}
          </div>
        )}
      </details>
    </div>
  );
}
