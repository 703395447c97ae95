"use client";
import Link from "next/link";
import { useState } from "react";
import type { Backend } from "@/lib/train/protocol";
import type { CheckpointEvent } from "./series";
import { useStartEval, type RunSummary } from "./use-train";

const EVAL_PREFIX: Record<Backend, string | null> = { builtin: "builtin", trl: "trl", "verl-ray": null };

/** The Reasoning page with its Evaluate step filled in for a checkpoint (and the run's domain, when the dataset names one). */
const problemsHref = (agent: string, run: RunSummary) =>
  `/reasoning?${new URLSearchParams({ agent, ...(run.spec.dataset.kind === "domain" ? { domain: run.spec.dataset.domainSlug } : {}) })}`;

/** The run's checkpoints: evaluate one on the validation split or (Reasoning page) on problems, or start the next round from it. */
export function CheckpointsPanel({ run, items, isLive }: { run: RunSummary; items: CheckpointEvent[]; isLive: boolean }) {
  const start = useStartEval();
  const [trials, setTrials] = useState("3");
  // The harness plays built-in and TRL checkpoints itself; verl's live on the cluster.
  const agentPrefix = EVAL_PREFIX[run.spec.backend];
  if (!items.length) return <p className="muted">{isLive ? `No checkpoints yet: one is saved every ${run.spec.schedule.saveEvery} steps, at the end, and when the run is stopped.` : "This run saved no checkpoints."}</p>;
  // The run's seed and turn limit, so a domain's validation split and the episodes match training's.
  const evaluate = (c: CheckpointEvent) =>
    start.mutate({ agent: `${agentPrefix}:${c.path}`, dataset: run.spec.dataset, split: "validation", trials: Number(trials) || 1, seed: run.spec.seed, maxTurns: run.spec.grpo.maxTurns, runId: run.id, label: `${run.name || `run ${run.id}`} · step ${c.step}` });
  return (
    <div data-testid="checkpoints">
      {agentPrefix && (
        <label className="row muted" style={{ marginBottom: 8 }}>
          Trials per case <input type="number" min={1} max={16} value={trials} onChange={(e) => setTrials(e.target.value)} style={{ width: 70 }} data-testid="eval-trials" />
          <small>(pass^k needs k &gt; 1)</small>
        </label>
      )}
      <table className="simple">
        <thead><tr><th>Step</th><th>Folder</th><th /></tr></thead>
        <tbody>
          {[...items].reverse().map((c) => (
            <tr key={c.id} data-testid="checkpoint-row">
              <td>{c.step}</td>
              <td className="mono" style={{ fontSize: 12, wordBreak: "break-all" }}>{c.path}</td>
              <td style={{ whiteSpace: "nowrap" }}>
                {agentPrefix ? (
                  <>
                    <button className="btn small" onClick={() => evaluate(c)} disabled={start.isPending} data-testid="checkpoint-evaluate">Evaluate</button>{" "}
                    <Link className="btn small" href={`/train?backend=${run.spec.backend}&from=${encodeURIComponent(c.path)}`}>Next round from here</Link>{" "}
                    <Link className="btn small" href={problemsHref(`${agentPrefix}:${c.path}`, run)} title="Evaluate this checkpoint on the domain's reasoning problems (Reasoning page)" data-testid="checkpoint-on-problems">On problems</Link>
                  </>
                ) : (
                  <span className="muted" title="verl checkpoints stay on the Ray cluster: evaluate them there, or copy one here and evaluate it as trl:<folder>.">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {start.error && <div className="alert error" role="alert">Could not start the evaluation: {start.error.message}</div>}
      {start.isSuccess && <div className="alert ok">Evaluation started: its result appears under “Evaluations across rounds”.</div>}
    </div>
  );
}
