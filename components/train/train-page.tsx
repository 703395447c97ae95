"use client";
import { useState } from "react";
import type { Backend } from "@/lib/train/protocol";
import { RoundForm } from "./round-form";
import { RunsTable } from "./runs-table";
import { useRuns } from "./use-train";
import "./train.css";

/** Training rounds: the runs so far and the form that starts the next one. */
export function TrainPage({ from = "", backend }: { from?: string; backend?: Backend }) {
  const runs = useRuns();
  const [isFormOpen, setFormOpen] = useState(Boolean(from));
  const rows = runs.data ?? [];
  // The button waits for the list: with no runs yet the form opens by itself.
  const showForm = isFormOpen || (runs.isSuccess && rows.length === 0);
  return (
    <div className="page">
      <div className="spread">
        <h1>Train</h1>
        {runs.isSuccess && !showForm && <button className="btn primary" onClick={() => setFormOpen(true)} data-testid="new-round">New round</button>}
      </div>
      <p className="lede">A round trains a policy with GRPO on a dataset&apos;s verified cases, scored by the same reward the cases were proven with, and validates it on the held-out split as it goes.</p>
      {showForm && <RoundForm initialModelPath={from} initialBackend={backend} onCancel={rows.length ? () => setFormOpen(false) : undefined} />}
      <div className="section">
        {runs.error && <div className="alert error" role="alert">Could not load the runs: {runs.error.message}</div>}
        {runs.isPending ? (
          <p className="muted">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="muted" data-testid="runs-empty">No rounds yet. Pick a domain with verified cases (or a snapshot) above and start one: the built-in backend needs nothing installed.</p>
        ) : (
          <div className="card"><h2>Training runs</h2><RunsTable runs={rows} /></div>
        )}
      </div>
    </div>
  );
}
