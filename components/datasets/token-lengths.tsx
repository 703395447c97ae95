"use client";
import Link from "next/link";
import { useState } from "react";
import { TokenHistogram } from "./token-histogram";
import { useRetrySnapshotTokens, useSnapshotTokens, type SnapshotTokensState, type TokenFormat } from "./use-datasets";

const FORMATS: { format: TokenFormat; label: string }[] = [
  { format: "verl", label: "verl prompt" },
  { format: "chat", label: "chat conversation" },
];
const fmt = (n: number) => n.toLocaleString("en-US");

/** Qwen3 token lengths of a snapshot's rows per export format: histogram, figures, over-budget rows. */
export function TokenLengths({ id, cases }: { id: number; cases: number }) {
  const [format, setFormat] = useState<TokenFormat>("verl");
  const [budgets, setBudgets] = useState<Record<TokenFormat, number | null>>({ verl: null, chat: null });
  const q = useSnapshotTokens(id, format, budgets[format]);
  const retry = useRetrySnapshotTokens(id, format, budgets[format]);
  const state = q.data;
  return (
    <section className="token-lengths" data-testid="token-lengths" aria-label="Token lengths">
      <div className="spread">
        <h3>Token lengths (Qwen3)</h3>
        <div className="row token-controls">
          <div className="toggle" role="group" aria-label="Export format">
            {FORMATS.map((f) => (
              <button key={f.format} type="button" className={`btn small${f.format === format ? " active" : ""}`} aria-pressed={f.format === format}
                onClick={() => setFormat(f.format)} data-testid={`token-format-${f.format}`}>{f.label}</button>
            ))}
          </div>
          {state && <BudgetInput key={`${format}-${state.budget}`} value={state.budget} onChange={(b) => setBudgets({ ...budgets, [format]: b })} />}
        </div>
      </div>
      {q.error && <p className="alert" role="alert">{q.error.message}</p>}
      {!state && q.isPending && <p className="muted" role="status" data-testid="token-lengths-loading">Loading token lengths…</p>}
      {state?.status === "computing" && (
        <p className="muted token-computing" role="status" data-testid="token-lengths-loading">
          <span className="spinner" aria-hidden /> Counting Qwen3 tokens of {fmt(state.rows)} {format} rows (job #{state.jobId}, {state.jobStatus})… counted once, then kept.
        </p>
      )}
      {state?.status === "failed" && (
        <p className="alert error" role="alert">
          The token count failed (job #{state.jobId}): {state.error}{" "}
          <button type="button" className="btn small" onClick={() => retry.mutate()} disabled={retry.isPending}>Count again</button>
        </p>
      )}
      {state?.status === "ready" && <TokenReport state={state} cases={cases} />}
    </section>
  );
}

function BudgetInput({ value, onChange }: { value: number; onChange: (budget: number | null) => void }) {
  const [text, setText] = useState(String(value));
  const apply = () => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1) onChange(n);
    else setText(String(value));
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label className="row">Budget <input type="number" min={1} step={1} value={text} onChange={(e) => setText(e.target.value)} onBlur={apply} data-testid="token-budget" className="budget-input" /> tokens</label>
    </form>
  );
}

function TokenReport({ state, cases }: { state: Extract<SnapshotTokensState, { status: "ready" }>; cases: number }) {
  const r = state.report;
  if (!r) return <p className="muted">This snapshot has no rows.</p>;
  const figures: [string, number][] = [["min", r.min], ["median", r.median], ["p95", r.p95], ["max", r.max]];
  return (
    <>
      <p className="muted">Measured: {state.scope}, {fmt(r.rows)} of {fmt(cases)} rows; counted in {(state.computeMs / 1000).toFixed(1)} s on {new Date(state.computedAt).toLocaleString()}.</p>
      <dl className="token-figures" data-testid="token-figures">
        {figures.map(([k, v]) => (<div key={k}><dt>{k}</dt><dd>{fmt(v)}</dd></div>))}
        <div className={r.overCount ? "over" : ""}><dt>over {fmt(r.budget)}</dt><dd>{fmt(r.overCount)}</dd></div>
      </dl>
      <TokenHistogram bins={r.bins} budget={r.budget} label={`Rows per ${state.format} token length`} />
      <div data-testid="token-over-budget">
        {r.overCount === 0 ? (
          <p className="muted">No row is over the budget of {fmt(r.budget)} tokens.</p>
        ) : (
          <>
            <h4>{fmt(r.overCount)} row{r.overCount === 1 ? "" : "s"} over the budget of {fmt(r.budget)} tokens</h4>
            <ul className="over-budget">
              {r.over.map((o) => (
                <li key={o.caseId}>
                  <Link href={`/cases/${o.caseId}`}>case #{o.caseId}</Link> <span className="badge">{fmt(o.tokens)} tokens</span> <span className="muted">{o.task}</span>
                </li>
              ))}
            </ul>
            {r.overCount > r.over.length && <p className="muted">… and {fmt(r.overCount - r.over.length)} more (the longest {r.over.length} are listed).</p>}
          </>
        )}
      </div>
    </>
  );
}
