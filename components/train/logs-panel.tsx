"use client";
import { useEffect, useRef } from "react";
import type { LogEvent } from "./series";

/** The run's log lines and status changes, kept scrolled to the newest. */
export function LogsPanel({ lines }: { lines: LogEvent[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  if (!lines.length) return <p className="muted">Nothing logged yet.</p>;
  return (
    <div className="log-box mono" ref={box} data-testid="run-logs">
      {lines.map((l) => (
        <div key={l.id} className={l.type === "status" ? "status" : l.level}>
          <span style={{ opacity: 0.6 }}>{new Date(l.createdAt).toLocaleTimeString()} </span>
          {l.type === "status" ? `status → ${l.status}${l.message ? `: ${l.message}` : ""}` : l.message}
        </div>
      ))}
    </div>
  );
}
