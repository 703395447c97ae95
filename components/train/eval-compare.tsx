"use client";
import Link from "next/link";
import type { DatasetRef } from "@/lib/train/protocol";
import { PassCell } from "./kind-table";
import { num, pct, when } from "./format";
import { useEvals, useRuns, type RunSummary } from "./use-train";

/** Two dataset references name the same cases (a domain's split also depends on the seed, compared by the harness). */
export const datasetKey = (d: DatasetRef) => (d.kind === "snapshot" ? `snapshot:${d.snapshotId}` : `domain:${d.domainSlug}`);

/** Evaluations on this run's dataset, of this round, earlier rounds and standalone agents, side by side. */
export function EvalCompare({ run }: { run: RunSummary }) {
  const evals = useEvals();
  const runs = useRuns();
  const key = datasetKey(run.spec.dataset);
  const rows = (evals.data ?? []).filter((e) => datasetKey(e.dataset.ref) === key);
  const runOf = (id: number | null) => (id === run.id ? run : runs.data?.find((r) => r.id === id));
  const kinds = [...new Set(rows.flatMap((e) => Object.keys(e.summary?.by_kind ?? {})))].sort();

  if (evals.error) return <div className="alert error" role="alert">Could not load evaluations: {evals.error.message}</div>;
  if (evals.isPending) return <p className="muted">Loading evaluations…</p>;
  if (!rows.length) return <p className="muted" data-testid="evals-empty">No evaluations on this dataset yet. Press “Evaluate” on a checkpoint to score it on the validation split with several trials per case (pass@1 and pass^k).</p>;
  return (
    <>
    <table className="simple" data-testid="eval-table">
      <thead>
        <tr>
          <th>Round</th><th>Evaluation</th><th>Trials</th><th>Status</th>
          <th style={{ textAlign: "center" }}>pass@1</th><th style={{ textAlign: "center" }}>pass^k</th><th style={{ textAlign: "center" }}>Mean reward</th>
          {kinds.map((k) => <th key={k} style={{ textAlign: "center" }}><span className={`badge ${k}`}>{k}</span></th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => {
          const owner = runOf(e.runId);
          return (
            <tr key={e.id} style={e.runId === run.id ? { background: "#f6f8fe" } : undefined} data-testid="eval-row">
              <td>{owner ? <Link href={`/train/${owner.id}`}>{owner.name || `Run ${owner.id}`}</Link> : <span className="muted">standalone</span>}</td>
              <td title={`${e.agent} — ${when(e.createdAt)}`}>{e.label || e.agent}</td>
              <td>{e.trials}</td>
              <td><span className={`badge ${e.status === "succeeded" ? "execute" : e.status === "failed" ? "refuse" : "status-RUNNING"}`}>{e.status}</span></td>
              <PassCell pass={e.summary?.pass_at_1} />
              <PassCell pass={e.summary?.pass_hat_k} title={e.summary ? `k = ${e.summary.k}` : undefined} />
              <td style={{ textAlign: "center" }}>{num(e.summary?.mean_reward)}</td>
              {kinds.map((k) => {
                const s = e.summary?.by_kind[k];
                return <PassCell key={k} pass={s?.pass_at_1} title={s ? `${s.cases} case(s); pass^k ${pct(s.pass_hat_k)}` : undefined} />;
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
    <p className="muted" style={{ marginBottom: 0 }}>pass@1: the chance one trial passes; pass^k: all k trials of a case pass. Kind columns show pass@1 (hover for pass^k and case counts). This round&apos;s rows are shaded.</p>
    </>
  );
}
