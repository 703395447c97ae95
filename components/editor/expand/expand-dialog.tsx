"use client";
import { useEffect, useState } from "react";
import { happyPathSteps } from "@/lib/expand/happy-path";
import { editorStore } from "../store";
import { useExpand, useExpandJob, useExpandOptions, type ExpandMode } from "./use-expand";

/**
 * "Expand from workflow": the curator writes the happy path, one step per line (prefilled from
 * the tree's own happy path), picks an expander, and gets a proposal drawn on the canvas as a
 * diff. The LLM expander runs as a job; the dialog shows its progress until the proposal lands.
 */
export function ExpandDialog({ treeId, onClose }: { treeId: number; onClose: () => void }) {
  const [text, setText] = useState(() => {
    const doc = editorStore.getState().document;
    return doc ? happyPathSteps(doc).join("\n") : "";
  });
  const options = useExpandOptions(treeId, true);
  const llmConfigured = options.data?.llmConfigured ?? false;
  const [mode, setMode] = useState<ExpandMode | null>(null);
  const chosen: ExpandMode = mode ?? (llmConfigured ? "llm" : "deterministic");
  const expand = useExpand(treeId);
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useExpandJob(jobId);
  const steps = text.split("\n").map((s) => s.trim()).filter(Boolean);

  const status = job.data?.progress.status;
  const result = job.data?.result;
  useEffect(() => {
    if (status === "succeeded" && result) {
      editorStore.getState().showProposal(result.doc, result.notes, "llm");
      onClose();
    }
  }, [status, result, onClose]);

  const submit = () => {
    const document = editorStore.getState().document;
    if (!document || steps.length === 0) return;
    expand.mutate({ steps, mode: chosen, document }, {
      onSuccess: (r) => {
        if (r.mode === "llm") return setJobId(r.jobId);
        editorStore.getState().showProposal(r.proposal, r.notes, "deterministic");
        onClose();
      },
    });
  };
  const failure = job.data?.progress.status === "failed" ? (job.data.progress.errors[0]?.error ?? job.data.progress.error ?? "The expansion failed.") : null;
  const isBusy = expand.isPending || (jobId !== null && !failure && status !== "cancelled");

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !isBusy && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="expand-title" data-testid="expand-dialog"
        onKeyDown={(e) => e.key === "Escape" && !isBusy && onClose()}>
        <h2 id="expand-title">Expand from workflow</h2>
        <p className="muted small">Write the happy path, one step per line. The expander keeps it and adds the branches around it (missing facts, not found, refusals, confirmations, hand-overs). You review the proposal on the canvas before anything changes.</p>
        <textarea data-testid="expand-steps" value={text} autoFocus disabled={isBusy} aria-label="Workflow steps, one per line"
          placeholder={"Verify the patient\nLook up the appointment\nCancel the appointment"} onChange={(e) => setText(e.target.value)} />
        {options.isPending ? (
          <p className="muted small" data-testid="expand-checking">Checking the LLM provider…</p>
        ) : options.error ? (
          <p className="alert error small">Could not check the LLM provider ({options.error.message}): the deterministic expander is used.</p>
        ) : llmConfigured ? (
          <div className="mode-choice" role="radiogroup" aria-label="Expander">
            <label><input type="radio" name="expand-mode" checked={chosen === "llm"} onChange={() => setMode("llm")} data-testid="expand-mode-llm" /> LLM</label>
            <label><input type="radio" name="expand-mode" checked={chosen === "deterministic"} onChange={() => setMode("deterministic")} data-testid="expand-mode-deterministic" /> Deterministic</label>
          </div>
        ) : (
          <p className="alert warn small" data-testid="expand-no-llm">No LLM provider configured: using the deterministic expander.</p>
        )}
        {expand.error && <p className="alert error small">{expand.error.message}</p>}
        {jobId !== null && !failure && <p className="muted small" data-testid="expand-job">The LLM is writing the tree (job {jobId}, {status ?? "queued"})…</p>}
        {failure && <pre className="alert error small" data-testid="expand-failure" style={{ whiteSpace: "pre-wrap" }}>{failure}</pre>}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} disabled={isBusy && jobId === null}>Cancel</button>
          <button type="button" className="btn primary" data-testid="expand-submit" disabled={steps.length === 0 || isBusy || options.isPending} onClick={submit}>
            {isBusy ? "Expanding…" : `Propose ${steps.length ? `from ${steps.length} step${steps.length > 1 ? "s" : ""}` : "a tree"}`}
          </button>
        </div>
      </div>
    </div>
  );
}
