"use client";
import { useState, type ReactNode } from "react";
import { pct } from "@/components/train/format";
import type { TimelineRound } from "./use-rounds";

type Row = [label: ReactNode, value: (r: TimelineRound) => ReactNode];

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const kindsOf = (rounds: TimelineRound[]) => [...new Set(rounds.flatMap((r) => r.input.snapshots.flatMap((s) => Object.keys(s.byKind))))].sort();
const heldOut = (r: TimelineRound, kind: string | null) => {
  const figures = Object.values(r.evals.after).find(Boolean) ?? Object.values(r.evals.before).find(Boolean);
  if (!figures) return null;
  return kind ? figures.by_kind[kind]?.pass_at_1 ?? null : figures.pass_at_1;
};

function rows(rounds: TimelineRound[]): Row[] {
  const kinds = kindsOf(rounds);
  return [
    ["Status", (r) => r.status],
    ["Policy", (r) => <span className="mono small">{r.input.policy ?? "untrained"}</span>],
    ["Training cases", (r) => r.input.cases],
    ...kinds.map((k): Row => [<span key={k} style={{ paddingLeft: 12 }}><span className={`badge ${k}`}>{k}</span></span>, (r) => sum(r.input.snapshots.map((s) => s.byKind[k] ?? 0))]),
    ["Problems", (r) => r.input.problems],
    ["Held-out pass@1 (after training, else before)", (r) => pct(heldOut(r, null))],
    ...kinds.map((k): Row => [<span key={k} style={{ paddingLeft: 12 }}>held-out <span className={`badge ${k}`}>{k}</span></span>, (r) => pct(heldOut(r, k))]),
    ["Mining: failed trials", (r) => r.failures.map((f) => `${f.failures}/${f.trials}`).join(", ") || "—"],
    ["Weak nodes", (r) => <span className="small">{r.failures.flatMap((f) => f.weak.map((w) => `${w.label} (${pct(w.rate)})`)).join("; ") || "—"}</span>],
    ["New cases made / verified / kept", (r) => r.generated.map((g) => `${g.made} / ${g.verified} / ${g.kept}`).join(", ") || "—"],
    ["Added to the next round", (r) => (r.output ? `+${sum(r.output.map((o) => o.added))} −${sum(r.output.map((o) => o.dropped))}` : "—")],
    ["Problem pass rate", (r) => r.reasoning.map((x) => (x.passRate === undefined ? "—" : pct(x.passRate))).join(", ") || "—"],
    ["Harder problems added", (r) => r.problemsAdded],
    ["Review (approved / rejected / pending)", (r) => (r.review ? `${r.review.cases.approved + r.review.problems.approved} / ${r.review.cases.rejected + r.review.problems.rejected} / ${r.review.cases.pending + r.review.problems.pending}` : "—")],
  ];
}

/** Any two rounds side by side: their data, held-out results, failures and what they added. */
export function CompareRounds({ rounds }: { rounds: TimelineRound[] }) {
  const [a, setA] = useState(rounds.at(-2)!.number);
  const [b, setB] = useState(rounds.at(-1)!.number);
  const left = rounds.find((r) => r.number === a) ?? rounds[0];
  const right = rounds.find((r) => r.number === b) ?? rounds.at(-1)!;
  const pick = (value: number, set: (n: number) => void, testId: string) => (
    <select value={value} onChange={(e) => set(Number(e.target.value))} data-testid={testId}>{rounds.map((r) => <option key={r.id} value={r.number}>Round {r.number}</option>)}</select>
  );
  return (
    <section className="card compare section" data-testid="compare-rounds">
      <h2>Compare rounds</h2>
      <table className="simple">
        <thead><tr><th /><th className="num">{pick(a, setA, "compare-a")}</th><th className="num">{pick(b, setB, "compare-b")}</th></tr></thead>
        <tbody>
          {rows([left, right]).map(([label, value], i) => (
            <tr key={i}><td>{label}</td><td className="num">{value(left)}</td><td className="num">{value(right)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
