"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { CaseBody } from "@/components/cases/case-body";
import { readReviewFilter, reviewFilterSearch, REJECT_REASON_LABELS, type CaseDecision, type RejectReason } from "@/lib/review/schema";
import { AuditTrail } from "./audit-trail";
import { EditForm } from "./edit-form";
import { useFlash } from "./flash";
import { FlashToast } from "./flash-toast";
import { RejectDialog } from "./reject-dialog";
import { ReviewPanel } from "./review-panel";
import { FOCUS_SHORTCUTS, useFocusShortcuts, type FocusAction } from "./use-focus-shortcuts";
import { useCaseDecision, useNeighbors, useReviewCase } from "./use-review";
import "./review.css";

const DONE: Record<CaseDecision["kind"], string> = { approve: "approved", reject: "rejected", skip: "skipped", edit: "edited" };

/** One case, to be judged in seconds: A approve, R reject, E edit, S skip, J/K next/previous. */
export function FocusView({ id }: { id: number }) {
  const router = useRouter();
  const params = useSearchParams();
  const filter = useMemo(() => readReviewFilter(new URLSearchParams(params.toString())), [params]);
  const search = reviewFilterSearch(filter);
  const view = useReviewCase(id);
  const neighbors = useNeighbors(id, filter);
  const decision = useCaseDecision(id);
  const [mode, setMode] = useState<"view" | "reject" | "edit" | "help">("view");
  const [notice, setNotice] = useState<string | null>(null);
  const showFlash = useFlash((f) => f.show);

  const go = (target: number | null | undefined) => {
    if (target) router.push(`/review/${target}${search ? `?${search}` : ""}`);
    else { showFlash("End of the queue for these filters."); router.push(`/review${search ? `?${search}` : ""}`); }
  };
  const decide = (d: CaseDecision) =>
    decision.mutate(d, {
      onSuccess: (out) => {
        setMode("view");
        const reason = d.kind === "reject" ? ` (${REJECT_REASON_LABELS[d.reason].toLowerCase()})` : "";
        showFlash(`Case #${id} ${DONE[d.kind]}${reason}${d.kind !== "skip" ? ` · now ${out.review.status}` : ""}`);
        go(neighbors.data?.next);
      },
    });
  const run = (action: FocusAction) => {
    // Deciding moves on to the next case, so wait until the queue around this one is known.
    if (decision.isPending || (!neighbors.data && ["approve", "skip", "next", "previous"].includes(action))) return;
    if (action === "approve") decide({ kind: "approve", note: "" });
    else if (action === "skip") decide({ kind: "skip", note: "" });
    else if (action === "next") go(neighbors.data?.next);
    else if (action === "previous") { if (neighbors.data?.previous) go(neighbors.data.previous); }
    else if (action === "reject") { decision.reset(); setMode("reject"); }
    else if (action === "edit") { setNotice(null); setMode("edit"); }
    else if (action === "help") setMode("help");
  };
  useFocusShortcuts(mode === "view" && !!view.data, run);

  if (view.isLoading) return <div className="page muted">Loading case #{id}…</div>;
  if (view.error || !view.data) return <div className="page"><div className="alert error">{view.error?.message ?? "Not found"}</div><Link href={`/review${search ? `?${search}` : ""}`}>Back to the queue</Link></div>;
  const { case: c, domain, review } = view.data;
  const n = neighbors.data;
  return (
    <div className="review-page" data-testid="focus-view" data-case-id={id}>
      <div className="focus-bar">
        <div className="spread">
          <div className="muted" style={{ fontSize: 13 }}>
            <Link href={`/review${search ? `?${search}` : ""}`} data-testid="back-to-queue">← Queue</Link>
            {n && n.total > 0 && <> · {n.position.toLocaleString()} of {n.total.toLocaleString()}</>}
            {" "}· Case #{id} · {domain ? domain.name : "no domain"} · {c.generator}
          </div>
          <div className="row" style={{ gap: 6 }}>
            <span className={`badge ${c.outcome}`}>expected: {c.outcome}</span>
            {c.status === "verified" ? <span className="badge execute">proof verified</span> : <span className="badge refuse" title={c.reason}>proof failed</span>}
            <span className={`badge review-status ${review.status}`} data-testid="review-status">{review.status}</span>
          </div>
        </div>
        <p className="focus-branch" data-testid="focus-branch">
          <span className="muted">Branch: </span>
          {c.data.branch.labels.length ? <>{c.data.branch.labels.slice(0, -1).map((l) => `${l} › `).join("")}<strong>{c.data.branch.labels.at(-1)}</strong></> : c.data.import_id ?? "imported case"}
        </p>
        <div className="focus-task" data-testid="focus-task">“{c.data.task}”</div>
        <div className="spread">
          <div className="row" style={{ gap: 6 }}>
            <button className="btn approve" onClick={() => run("approve")} disabled={decision.isPending || mode === "edit" || !n} data-testid="action-approve"><span className="kbd">A</span>Approve</button>
            <button className="btn reject" onClick={() => run("reject")} disabled={decision.isPending || mode === "edit"} data-testid="action-reject"><span className="kbd">R</span>Reject…</button>
            <button className="btn" onClick={() => run("edit")} disabled={mode === "edit"} data-testid="action-edit"><span className="kbd">E</span>Edit</button>
            <button className="btn" onClick={() => run("skip")} disabled={decision.isPending || mode === "edit" || !n} data-testid="action-skip"><span className="kbd">S</span>Skip</button>
            <span style={{ width: 10 }} />
            <button className="btn small" onClick={() => run("previous")} disabled={!n?.previous}><span className="kbd">K</span>Previous</button>
            <button className="btn small" onClick={() => run("next")} disabled={!n}><span className="kbd">J</span>Next</button>
          </div>
          <button className="btn small" onClick={() => run("help")} title="All keyboard shortcuts"><span className="kbd">?</span>Shortcuts</button>
        </div>
        {decision.error && mode === "view" && <div className="alert error" data-testid="decision-error">{decision.error.message}</div>}
        {notice && <div className={`alert ${c.status === "verified" ? "ok" : "warn"}`} data-testid="edit-notice">{notice}</div>}
      </div>
      <div className="focus-layout">
        <div>
          {mode === "edit"
            ? <EditForm caseId={id} testCase={c.data} revision={review.revision} onDone={(msg) => { setMode("view"); if (msg) setNotice(msg); }} />
            : <CaseBody testCase={c.data} status={c.status} reason={c.reason} />}
        </div>
        <div className="focus-side">
          <ReviewPanel view={view.data} />
          <AuditTrail caseId={id} />
        </div>
      </div>
      {mode === "reject" && (
        <RejectDialog pending={decision.isPending} error={decision.error?.message ?? null} onCancel={() => setMode("view")}
          onReject={(reason: RejectReason, note: string) => decide({ kind: "reject", reason, note })} />
      )}
      {mode === "help" && (
        <div className="overlay" onClick={() => setMode("view")}>
          <div className="dialog" role="dialog" aria-label="Shortcuts" onClick={(e) => e.stopPropagation()}>
            <h2>Shortcuts</h2>
            <table className="simple"><tbody>
              {FOCUS_SHORTCUTS.map((s) => <tr key={s.action}><td><span className="kbd">{s.keys[0].toUpperCase()}</span></td><td>{s.label}</td></tr>)}
              <tr><td><span className="kbd">1</span>–<span className="kbd">6</span></td><td>pick a reject reason; Enter rejects</td></tr>
              <tr><td><span className="kbd">Ctrl</span>+<span className="kbd">Enter</span></td><td>save an edit (re-verifies)</td></tr>
              <tr><td><span className="kbd">Esc</span></td><td>close a dialog or the edit form</td></tr>
            </tbody></table>
            <div className="row" style={{ justifyContent: "flex-end", marginTop: 10 }}><button className="btn" onClick={() => setMode("view")}>Close</button></div>
          </div>
        </div>
      )}
      <FlashToast />
    </div>
  );
}
