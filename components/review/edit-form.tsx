"use client";
import { useEffect, useState } from "react";
import { ApiError } from "@/components/api/fetch-json";
import type { TestCase } from "@/lib/cases/schema";
import { EDITABLE_FIELDS, type CaseEdit, type EditableField } from "@/lib/review/schema";
import { useCaseEdit } from "./use-review";

const LABELS: Record<EditableField, string> = {
  task: "Request (the user's first message)",
  user_background: "What the user knows at the start",
  hack_success_user_background: "Offered only when pushed (hack facts)",
  persona: "Persona",
  user_escape_strategy: "Escape strategy",
  test_policy: "Policy under test",
  evaluation: "Evaluation",
};

type Props = { caseId: number; testCase: TestCase; revision: number; onDone: (message: string | null) => void };

/** Rewrites the case's text; the paths, database and proof inputs stay. Saving re-runs the proof. Ctrl+Enter saves, Esc cancels. */
export function EditForm({ caseId, testCase, revision, onDone }: Props) {
  const [draft, setDraft] = useState<Record<EditableField, string>>(() => Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, testCase[f]])) as Record<EditableField, string>);
  const edit = useCaseEdit(caseId);
  const changes: CaseEdit = Object.fromEntries(EDITABLE_FIELDS.filter((f) => draft[f] !== testCase[f]).map((f) => [f, draft[f]]));
  const dirty = Object.keys(changes).length > 0;
  const fieldError = (f: EditableField) =>
    edit.error instanceof ApiError ? (edit.error.details as { path: string; message: string }[] | undefined)?.find((d) => d.path === `changes.${f}`)?.message : undefined;
  const save = () => {
    if (!dirty || edit.isPending) return;
    edit.mutate({ changes, baseRevision: revision }, {
      onSuccess: (out) => onDone(out.caseStatus === "verified" ? "Saved; the proof re-ran and still holds." : `Saved, but the proof now fails: ${out.proof?.reasons.join("; ") || "no proof"}`),
    });
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") { e.preventDefault(); onDone(null); }
      else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); save(); }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  });
  return (
    <div className="card" data-testid="edit-form">
      <div className="spread">
        <h2>Edit the case text</h2>
        <span className="shortcut-legend"><span><span className="kbd">Ctrl</span>+<span className="kbd">Enter</span>save &amp; re-verify</span><span><span className="kbd">Esc</span>cancel</span></span>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>The tool paths, database and expected outcome stay as proven; saving re-runs the proof and puts the case back to pending.</p>
      {EDITABLE_FIELDS.map((f) => (
        <label key={f} className="field"><span>{LABELS[f]}</span>
          <textarea rows={f === "task" || f === "persona" ? 2 : 3} value={draft[f]} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} data-testid={`edit-${f}`} autoFocus={f === "task"} />
          {fieldError(f) && <span className="muted" style={{ color: "var(--danger)", fontWeight: 400 }}>{fieldError(f)}</span>}
        </label>
      ))}
      {edit.error && <div className="alert error" data-testid="edit-error">{edit.error.message}</div>}
      <div className="row" style={{ justifyContent: "flex-end" }}>
        <button className="btn" onClick={() => onDone(null)}>Cancel</button>
        <button className="btn primary" disabled={!dirty || edit.isPending} onClick={save} data-testid="edit-save">{edit.isPending ? "Re-verifying…" : "Save & re-verify"}</button>
      </div>
    </div>
  );
}
