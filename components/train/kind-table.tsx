import { pct } from "./format";
import type { EvalEvent } from "./series";

/** A pass rate as a cell tinted from red (0) to green (1). */
export function PassCell({ pass, title }: { pass: number | undefined; title?: string }) {
  if (pass === undefined) return <td className="pass-cell muted">—</td>;
  const hue = Math.round(pass * 120);
  return <td className="pass-cell" style={{ background: `hsl(${hue} 70% 92%)` }} title={title}>{pct(pass)}</td>;
}

/** Validation pass rate per branch kind at each evaluation of the run (first = the untrained policy). */
export function KindTable({ kinds, evals, isLive }: { kinds: string[]; evals: EvalEvent[]; isLive: boolean }) {
  if (!evals.length) return <p className="muted">{isLive ? "No validation yet: the trainer evaluates at the start, every “evaluate every” steps and at the end." : "This run ended before its first validation."}</p>;
  return (
    <table className="simple" data-testid="kind-table">
      <thead>
        <tr>
          <th>Step</th><th style={{ textAlign: "center" }}>All</th>
          {kinds.map((k) => <th key={k} style={{ textAlign: "center" }}><span className={`badge ${k}`}>{k}</span></th>)}
        </tr>
      </thead>
      <tbody>
        {evals.map((e) => (
          <tr key={e.id}>
            <td>{e.step}</td>
            <PassCell pass={e.reward} />
            {kinds.map((k) => <PassCell key={k} pass={e.byKind[k]?.pass} title={e.byKind[k] ? `${e.byKind[k].n} case(s)` : undefined} />)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
