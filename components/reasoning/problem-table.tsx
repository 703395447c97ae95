"use client";
import type { StoredProblem } from "./use-reasoning";
import { policyLabel } from "./policy-label";
import { StatementText } from "./statement-text";

const rate = (s: StoredProblem) => {
  const last = s.problem.difficulty.pass_rates.at(-1);
  return last ? `${Math.round(last.rate * 100)}% (${policyLabel(last.policy)})` : "–";
};

/** The library: one row per problem; a click opens it. */
export function ProblemTable({ rows, selected, onSelect }: { rows: StoredProblem[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <table className="simple reasoning-table" data-testid="problem-table">
      <thead>
        <tr>
          <th>Statement</th>
          <th>Kind</th>
          <th className="num">Round</th>
          <th className="num">Difficulty</th>
          <th className="num">Tool calls</th>
          <th>Pass rate</th>
          <th>Verified</th>
          <th>Review</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.problem.id} className={s.problem.id === selected ? "selected" : ""} onClick={() => onSelect(s.problem.id)} data-testid="problem-row">
            <td className="statement">
              {s.problem.lineage.mutation && <span className="badge">{s.problem.lineage.mutation}</span>} <StatementText text={s.problem.statement} />
            </td>
            <td>{s.problem.answer.kind}</td>
            <td className="num">{s.problem.lineage.round}</td>
            <td className="num">{s.problem.difficulty.score}</td>
            <td className="num">{s.problem.difficulty.tool_calls}</td>
            <td className="nowrap">{rate(s)}</td>
            <td><span className={`badge ${s.problem.verdict === "verified" ? "execute" : "refuse"}`}>{s.problem.verdict}</span></td>
            <td><span className={`badge ${s.status === "approved" ? "execute" : s.status === "rejected" ? "refuse" : "abort"}`}>{s.status}</span></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
