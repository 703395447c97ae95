"use client";
import Link from "next/link";
import { useState } from "react";
import { CompareRounds } from "./compare-rounds";
import { FailurePanel } from "./failure-panel";
import { NextRoundCard } from "./next-round-card";
import { RoundColumn } from "./round-column";
import { useTimeline } from "./use-rounds";
import "@/components/train/train.css";
import "./rounds.css";

/**
 * A project's rounds left to right: data, reward curves, held-out evaluation, failures on the
 * tree, review; then what the next round will train on. Below: a round's failure map, and any
 * two rounds side by side.
 */
export function ProjectTimelinePage({ projectId }: { projectId: number }) {
  const timeline = useTimeline(projectId);
  const [opened, setOpened] = useState<number | null>(null);
  if (timeline.error) return <div className="page"><div className="alert error" role="alert">Could not load the project: {timeline.error.message}</div></div>;
  if (!timeline.data) return <div className="page"><p className="muted">Loading…</p></div>;
  const { project, rounds, next } = timeline.data;
  const s = project.settings;
  const shown = rounds.find((r) => r.id === opened) ?? null;
  return (
    <div className="page page-wide" data-testid="round-timeline">
      <p className="muted small"><Link href="/rounds">Rounds</Link> ›</p>
      <h1>{project.name}</h1>
      <div className="project-meta">
        <span>domains <strong>{project.domains.join(", ")}</strong></span>
        <span>backend <strong>{project.backend}</strong></span>
        <span>{project.backend === "none" ? "agent" : "base model"} <strong className="mono">{project.baseModel}</strong></span>
        <span>review <strong>{s.reviewRequired ? "required" : "not required"}</strong></span>
        <span>band <strong>{s.band.min}–{s.band.max}</strong></span>
        <span>k <strong>{s.trials}</strong></span>
        <span>seed <strong>{s.seed}</strong></span>
      </div>
      <div className="timeline" data-testid="timeline">
        {rounds.map((r) => <RoundColumn key={r.id} round={r} isOpened={r.id === opened} onOpenMap={() => setOpened(r.id === opened ? null : r.id)} />)}
        <NextRoundCard projectId={project.id} next={next} current={rounds.find((r) => r.status !== "closed") ?? null} />
      </div>
      {shown && <FailurePanel key={shown.id} round={shown} onClose={() => setOpened(null)} />}
      {rounds.length >= 2 && <CompareRounds rounds={rounds} />}
    </div>
  );
}
