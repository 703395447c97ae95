"use client";
import Link from "next/link";
import { PassCell } from "@/components/train/kind-table";
import { pct, when } from "@/components/train/format";
import { CATEGORY_LABELS, type FailureCategory } from "@/lib/rounds/categories";
import { STEP_LABELS } from "@/lib/rounds/schema";
import { RewardCurve } from "./reward-curve";
import { ReplayButton } from "./replay-button";
import type { TimelineRound } from "./use-rounds";

const DOT: Record<string, string> = { done: "✓", skipped: "–", running: "◌", pending: "·", waiting: "⏸", failed: "✗" };

/** Cases per branch kind as chips, with an optional sign. */
export function KindChips({ counts, sign = "", testId }: { counts: Record<string, number>; sign?: string; testId?: string }) {
  const kinds = Object.entries(counts).filter(([, n]) => n).sort((a, b) => b[1] - a[1]);
  if (!kinds.length) return <span className="muted small">none</span>;
  return <span className="chips" data-testid={testId}>{kinds.map(([k, n]) => <span key={k} className={`badge ${k}`}>{k}<span className="n">{sign}{n}</span></span>)}</span>;
}

function Steps({ round }: { round: TimelineRound }) {
  return (
    <ul className="steps" data-testid="round-steps">
      {round.steps.map((s) => (
        <li key={s.step} className={`${s.status}${s.step === round.step && round.status !== "closed" ? " current" : ""}`} title={s.error ?? s.note ?? ""}>
          <span className="dot">{DOT[s.status] ?? "·"}</span>{STEP_LABELS[s.step]}
        </li>
      ))}
    </ul>
  );
}

/** Held-out pass@1 per branch kind, before and after the round's training. */
function HeldOut({ round }: { round: TimelineRound }) {
  const domains = Object.keys({ ...round.evals.before, ...round.evals.after });
  if (!domains.length) return <p className="muted small">{round.steps.find((s) => s.step === "eval_before")?.note ?? "Not evaluated yet."}</p>;
  return (
    <>
      {domains.map((d) => {
        const before = round.evals.before[d];
        const after = round.evals.after[d];
        const kinds = [...new Set([...Object.keys(before?.by_kind ?? {}), ...Object.keys(after?.by_kind ?? {})])].sort();
        return (
          <table key={d} className="simple" data-testid="held-out-table">
            <thead><tr><th>{domains.length > 1 ? d : "kind"}</th><th>before</th><th>after</th></tr></thead>
            <tbody>
              <tr><td><strong>all</strong></td><PassCell pass={before?.pass_at_1} /><PassCell pass={after?.pass_at_1} /></tr>
              {kinds.map((k) => <tr key={k}><td><span className={`badge ${k}`}>{k}</span></td><PassCell pass={before?.by_kind[k]?.pass_at_1} /><PassCell pass={after?.by_kind[k]?.pass_at_1} /></tr>)}
            </tbody>
          </table>
        );
      })}
    </>
  );
}

function Failures({ round, onOpenMap, isOpened }: { round: TimelineRound; onOpenMap: () => void; isOpened: boolean }) {
  if (!round.failures.length) return <p className="muted small">Not mined yet.</p>;
  return (
    <>
      {round.failures.map((f) => {
        const map = round.maps[f.domain];
        const top = Object.entries(map?.categories ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 2);
        return (
          <div key={f.domain} data-testid="failure-summary">
            <div className="small">{f.failures} of {f.trials} trials failed{top.length ? `: ${top.map(([c, n]) => `${CATEGORY_LABELS[c as FailureCategory]} ${n}`).join(", ")}` : ""}</div>
            <ul className="weak-list">
              {f.weak.map((w) => <li key={`${w.treeId}:${w.nodeId}`}><span>{w.label}</span><span className="rate">{w.failures}/{w.trials} · {pct(w.rate)}</span></li>)}
            </ul>
            {(map?.personas ?? []).filter((p) => p.failures).slice(0, 2).map((p) => <div key={p.key} className="small muted" title={p.label}>persona {p.label.slice(0, 48)}{p.label.length > 48 ? "…" : ""}: {p.failures}/{p.trials} failed</div>)}
          </div>
        );
      })}
      <button className="btn small" onClick={onOpenMap} data-testid="open-failure-map">{isOpened ? "Hide the failure map" : "Failure map on the tree"}</button>
    </>
  );
}

function Review({ round }: { round: TimelineRound }) {
  const r = round.review;
  if (!r) return <p className="muted small">No new data to review yet.</p>;
  const total = r.cases.pending + r.cases.approved + r.cases.rejected + r.problems.pending + r.problems.approved + r.problems.rejected;
  const share = (n: number) => `${total ? (100 * n) / total : 0}%`;
  return (
    <div data-testid="review-progress">
      <div className="progress"><span className="approved" style={{ width: share(r.cases.approved + r.problems.approved) }} /><span className="rejected" style={{ width: share(r.cases.rejected + r.problems.rejected) }} /></div>
      <div className="small">{r.required ? "" : "not required · "}cases {r.cases.approved} approved, {r.cases.rejected} rejected, {r.cases.pending} pending · problems {r.problems.approved}/{r.problems.approved + r.problems.rejected + r.problems.pending}{r.autoApproved ? ` · ${r.autoApproved} auto-approved` : ""}</div>
      {r.required && r.cases.pending > 0 && <Link className="small" href="/review">Review the new cases ›</Link>}
    </div>
  );
}

/** One round on the timeline. */
export function RoundColumn({ round, onOpenMap, isOpened }: { round: TimelineRound; onOpenMap: () => void; isOpened: boolean }) {
  const added = round.output?.reduce<Record<string, number>>((acc, o) => { for (const [k, n] of Object.entries(o.addedByKind)) acc[k] = (acc[k] ?? 0) + n; return acc; }, {});
  const inputKinds = round.input.snapshots.reduce<Record<string, number>>((acc, s) => { for (const [k, n] of Object.entries(s.byKind)) acc[k] = (acc[k] ?? 0) + n; return acc; }, {});
  const made = round.generated.reduce((n, g) => n + g.made, 0);
  return (
    <section className="card round-col" data-testid={`round-${round.number}`}>
      <h2>Round {round.number} <span className={`badge round-${round.status}`} data-testid="round-status">{round.status}</span></h2>
      <div className="muted small">{when(round.createdAt)}{round.closedAt ? ` → ${when(round.closedAt)}` : ""}{round.input.policy ? <> · <span className="mono">{round.input.policy.split("/").slice(-2).join("/")}</span></> : null}</div>
      {round.error && <div className="alert error small">{round.error}</div>}
      <Steps round={round} />
      <div className="block">
        <h4>Trained on</h4>
        <div className="small">{round.input.cases} cases{round.input.problems ? `, ${round.input.problems} problems` : ""}</div>
        <KindChips counts={inputKinds} />
      </div>
      {Object.keys(round.trainRuns).length > 0 && (
        <div className="block"><h4>Reward</h4>{Object.entries(round.trainRuns).map(([d, id]) => <RewardCurve key={id} runId={id} domain={d} />)}</div>
      )}
      <div className="block"><h4>Held-out pass@1</h4><HeldOut round={round} /></div>
      <div className="block"><h4>Failures</h4><Failures round={round} onOpenMap={onOpenMap} isOpened={isOpened} /></div>
      <div className="block">
        <h4>Data added</h4>
        {round.output ? <KindChips counts={added ?? {}} sign="+" testId="data-added" /> : <div className="small">{made ? `${made} new case(s) made, ${round.generated.reduce((n, g) => n + g.verified, 0)} verified` : "—"}</div>}
        {round.selection.map((s) => <div key={s.domain} className="small muted">band kept {s.existing.kept}/{s.existing.candidates} old, {s.added.kept}/{s.added.candidates} new · dropped {s.existing.alwaysSolved + s.added.alwaysSolved} always solved, {s.existing.neverSolved + s.added.neverSolved} never solved</div>)}
        {round.output && <div className="small muted">{round.output.map((o) => `−${o.dropped} dropped → ${o.train} training cases`).join("; ")}{round.problemsAdded ? ` · +${round.problemsAdded} problems` : ""}</div>}
        {round.reasoning.map((r) => (
          <div key={r.domain} className="small muted" data-testid="problem-results">
            problems: {r.passRate !== undefined ? `pass ${pct(r.passRate)} (${Object.entries(round.problemKinds[r.domain] ?? {}).map(([k, v]) => `${k} ${pct(v.rate)}`).join(", ")}), ` : ""}{r.note}
          </div>
        ))}
        {Object.values(round.proposals).flat().filter((p) => p.jobId !== null).map((p) => <div key={p.jobId} className="small">expander proposal for tree {p.treeId}: job {p.jobId} (open the failure map to see the diff)</div>)}
      </div>
      <div className="block"><h4>Review</h4><Review round={round} /></div>
      {round.status === "closed" && <ReplayButton roundId={round.id} />}
    </section>
  );
}
