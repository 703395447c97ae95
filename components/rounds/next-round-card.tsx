"use client";
import Link from "next/link";
import { useState } from "react";
import type { NextRoundPreview } from "@/lib/rounds/timeline";
import { KindChips } from "./round-column";
import { useNextRound, type TimelineRound } from "./use-rounds";

/**
 * What the next round will train on, exactly (the frozen snapshot it will read, or what round 1
 * will freeze), and the button that starts it. With a round under way the button continues it
 * (after review, or after a failure: the step's job resumes).
 */
export function NextRoundCard({ projectId, next, current }: { projectId: number; next: NextRoundPreview; current: TimelineRound | null }) {
  const start = useNextRound(projectId);
  const [isAuto, setAuto] = useState(false);
  const running = current?.status === "open";
  const label = current ? (current.status === "review" ? `Continue round ${current.number} after review` : current.status === "failed" ? `Resume round ${current.number}` : `Round ${current.number} is running…`) : `Start round ${next.number}`;
  return (
    <section className="card round-col next" data-testid="next-round">
      <h2>{current ? `Round ${current.number}` : `Round ${next.number}`} <span className="badge">{current ? "in progress" : "next"}</span></h2>
      <h4>{next.basis === "first" ? "Will freeze and train on" : next.basis === "running" ? "Trains on" : "Will train on"}</h4>
      {next.domains.map((d) => (
        <div key={d.domain} className="small" data-testid="next-domain">
          <div>
            <strong>{d.domain}</strong>: {next.basis === "first" ? "about " : ""}{d.train} training cases{d.validation !== null ? `, ${d.validation} held out` : ""}
            {d.snapshotId !== null && <> · <Link href="/datasets">snapshot {d.snapshotId}</Link> <span className="mono muted">{d.hash?.slice(0, 10)}</span></>}
          </div>
          <KindChips counts={d.byKind} />
          {next.basis === "from-output" && <div className="muted">previous round: <span className="delta-up">+{d.added}</span> new, <span className="delta-down">−{d.dropped}</span> dropped</div>}
          {next.basis === "from-output" && d.added > 0 && <KindChips counts={d.addedByKind} sign="+" />}
        </div>
      ))}
      {next.problems.map((p) => <div key={p.domain} className="small">{p.domain}: {p.count} problems{p.added ? ` (+${p.added})` : ""}{p.note ? ` — ${p.note}` : ""}</div>)}
      <div className="small">policy: <span className="mono">{next.policy ?? "untrained (no checkpoint yet)"}</span></div>
      {next.notes.map((n) => <p key={n} className="muted small" style={{ margin: 0 }}>{n}</p>)}
      <label className="small"><input type="checkbox" checked={isAuto} onChange={(e) => setAuto(e.target.checked)} data-testid="auto-approve" /> approve verified new data automatically</label>
      {start.error && <div className="alert error small" role="alert">{start.error.message}</div>}
      <button className="btn primary" disabled={running || start.isPending} onClick={() => start.mutate({ autoApproveVerified: isAuto })} data-testid="start-next-round">
        {start.isPending ? "Starting…" : label}
      </button>
    </section>
  );
}
