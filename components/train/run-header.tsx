"use client";
import Link from "next/link";
import { isTerminal } from "@/lib/train/protocol";
import { StatusBadge } from "./status-badge";
import { duration, when } from "./format";
import { useStopRun, type RunSummary } from "./use-train";

/** The run's name, status and facts, its last message, and Stop while it runs. */
export function RunHeader({ run }: { run: RunSummary }) {
  const stop = useStopRun(run.id);
  const { spec, progress } = run;
  const isLive = !isTerminal(run.status);
  const onStop = () => {
    if (window.confirm(`Stop "${run.name}"? The trainer saves a checkpoint and ends the run as STOPPED.`)) stop.mutate();
  };
  return (
    <div data-testid="run-header">
      <Link href="/train" className="muted">← All training runs</Link>
      <div className="spread" style={{ marginTop: 6 }}>
        <h1 style={{ display: "flex", gap: 10, alignItems: "center" }}>{run.name || `Run ${run.id}`} <StatusBadge status={run.status} /></h1>
        {isLive && (
          <button className="btn danger" onClick={onStop} disabled={stop.isPending || run.stopRequested} data-testid="run-stop">
            {run.stopRequested ? "Stopping…" : "Stop"}
          </button>
        )}
      </div>
      <div className="run-meta">
        <span>Backend <strong>{run.backend}</strong></span>
        <span>Dataset <strong>{run.datasetLabel}</strong></span>
        <span>GRPO steps <strong data-testid="run-steps">{progress.steps} / {spec.schedule.steps}</strong>{spec.schedule.sftSteps > 0 && <> after <strong>{spec.schedule.sftSteps}</strong> SFT</>}</span>
        <span>Group <strong>{spec.grpo.n}</strong> × <strong>{spec.grpo.batchSize}</strong> tasks, lr <strong>{spec.grpo.learningRate}</strong>, seed <strong>{spec.seed}</strong></span>
        <span>Started <strong>{when(run.startedAt)}</strong></span>
        <span>{run.endedAt ? "Ran" : "Running for"} <strong>{duration(run.startedAt, run.endedAt)}</strong></span>
        {run.createdBy && <span>By <strong>{run.createdBy}</strong></span>}
      </div>
      {run.status === "PENDING" && <div className="alert warn">Queued: waiting for the job runner to pick it up (one round runs at a time).</div>}
      {run.status === "FAILED" && <div className="alert error" role="alert" data-testid="run-message">The run failed: {run.message || "no reason given."} Its log below has the details; fix the cause (or try smaller settings) and start a new round — checkpoints it saved are kept.</div>}
      {run.status !== "FAILED" && run.message && <p className="muted" data-testid="run-message">{run.message}</p>}
      {stop.error && <div className="alert error" role="alert">{stop.error.message}</div>}
    </div>
  );
}
