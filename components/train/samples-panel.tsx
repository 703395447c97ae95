"use client";
import { useState } from "react";
import { MessageList } from "./message-list";
import { num } from "./format";
import type { SampleEvent } from "./series";

/** Sample rollouts by step (latest first); a click shows the conversation beside the list. */
export function SamplesPanel({ groups, isLive }: { groups: { step: number; samples: SampleEvent[] }[]; isLive: boolean }) {
  const [picked, setSelected] = useState<number | null>(null);
  const all = groups.flatMap((g) => g.samples);
  // Until one is picked, the latest sample is shown.
  const selected = all.find((s) => s.id === picked) ?? all[0] ?? null;
  const selectedId = selected?.id ?? null;
  if (!all.length) return <p className="muted">{isLive ? "No sample rollouts yet: the trainer reports a few per step." : "This run reported no sample rollouts."}</p>;
  return (
    <div className="grid2" style={{ gridTemplateColumns: "minmax(220px, 1fr) 2fr" }} data-testid="samples">
      <ul className="sample-list">
        {groups.map((g) => (
          <li key={g.step}>
            <div className="step-head">Step {g.step}</div>
            {g.samples.map((s) => (
              <button key={s.id} className={s.id === selectedId ? "selected" : ""} onClick={() => setSelected(s.id)} data-testid="sample-item">
                <span className={`badge ${s.reward >= 1 ? "execute" : s.reward <= 0 ? "refuse" : "clarify"}`}>{s.reward >= 1 ? "pass" : s.reward <= 0 ? "fail" : num(s.reward, 2)}</span>
                <span>case {s.caseId}</span>
                {s.branchKind && <span className={`badge ${s.branchKind}`}>{s.branchKind}</span>}
              </button>
            ))}
          </li>
        ))}
      </ul>
      <div>
        {selected && <p className="muted" style={{ marginTop: 0 }}>Step {selected.step}, case {selected.caseId}{selected.branchKind ? ` (${selected.branchKind})` : ""}: reward {num(selected.reward, 2)}</p>}
        {selected && <MessageList messages={selected.messages} />}
      </div>
    </div>
  );
}
