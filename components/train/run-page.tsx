"use client";
import Link from "next/link";
import { useMemo } from "react";
import { isTerminal } from "@/lib/train/protocol";
import { CheckpointsPanel } from "./checkpoints-panel";
import { EvalCompare } from "./eval-compare";
import { KindTable } from "./kind-table";
import { LogsPanel } from "./logs-panel";
import { RunCharts } from "./run-charts";
import { RunHeader } from "./run-header";
import { SamplesPanel } from "./samples-panel";
import { checkpoints, kindPassRates, lastGrpoStep, logLines, samplesByStep, stepRows } from "./series";
import { useRun, useRunEvents } from "./use-train";
import "./train.css";

/** One round: live curves, validation by kind (branch outcome or problem answer kind), sample rollouts, checkpoints, evaluations and the log. */
export function RunPage({ id }: { id: number }) {
  const run = useRun(id);
  const log = useRunEvents(id);
  const events = log.data?.events;
  const view = useMemo(() => {
    const all = events ?? [];
    return { steps: lastGrpoStep(all), grpo: stepRows(all, "grpo"), sft: stepRows(all, "sft"), kinds: kindPassRates(all), samples: samplesByStep(all), checkpoints: checkpoints(all), logs: logLines(all) };
  }, [events]);

  if (run.error) {
    return (
      <div className="page">
        <div className="alert error" role="alert">{run.error.message} <Link href="/train">Back to all training runs</Link>.</div>
      </div>
    );
  }
  if (!run.data) return <div className="page"><p className="muted">Loading…</p></div>;
  // The events poll runs ahead of the run row: its status and step count are the fresher ones.
  const status = log.data?.status ?? run.data.status;
  const shown = { ...run.data, status, progress: { ...run.data.progress, steps: Math.max(run.data.progress.steps, view.steps) } };
  const isLive = !isTerminal(status);
  return (
    <div className="page" data-testid="run-page">
      <RunHeader run={shown} />
      {log.error && <div className="alert error" role="alert">Live updates failed: {log.error.message}. They retry every few seconds.</div>}
      <RunCharts grpo={view.grpo} sft={view.sft} isLive={isLive} />
      <div className="card section">
        <h2>Validation pass rate by kind</h2>
        <KindTable kinds={view.kinds.kinds} evals={view.kinds.evals} isLive={isLive} />
      </div>
      <div className="card section">
        <h2>Sample rollouts</h2>
        <SamplesPanel groups={view.samples} isLive={isLive} />
      </div>
      <div className="card section">
        <h2>Checkpoints</h2>
        <CheckpointsPanel run={shown} items={view.checkpoints} isLive={isLive} />
      </div>
      <div className="card section">
        <h2>Evaluations across rounds</h2>
        <EvalCompare run={shown} />
      </div>
      <div className="card section">
        <h2>Log</h2>
        <LogsPanel lines={view.logs} />
      </div>
    </div>
  );
}
