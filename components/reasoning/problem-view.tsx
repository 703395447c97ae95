"use client";
import { policyLabel } from "./policy-label";
import { useEffect, useRef } from "react";
import { formatAnswer } from "@/lib/reasoning/format";
import { FamilyView } from "./family-view";
import { useProblem, useReviewProblem } from "./use-reasoning";
import { StatementText } from "./statement-text";

/** One problem: statement, answer, how it is known (solution program and plan, or the solvers' answers), lineage, pass rates, review. */
export function ProblemView({ id, onSelect }: { id: string; onSelect: (id: string) => void }) {
  const { data, error } = useProblem(id);
  const review = useReviewProblem(id);
  const top = useRef<HTMLDivElement>(null);
  const isLoaded = data !== undefined;
  // the view opens below a long library: bring it into sight when another problem is picked
  useEffect(() => {
    if (isLoaded) top.current?.scrollIntoView({ block: "start" });
  }, [id, isLoaded]);
  if (error) return <div className="alert error">{error.message}</div>;
  if (!data) return <p className="muted">Loading…</p>;
  const { problem: p, status } = data.problem;
  return (
    <div className="card problem-view" data-testid="problem-view" ref={top}>
      <div className="spread">
        <h2>Problem <span className="mono muted">{p.id}</span></h2>
        <div className="row">
          <span className={`badge ${status === "approved" ? "execute" : status === "rejected" ? "refuse" : "abort"}`} data-testid="review-status">{status}</span>
          <button className="btn small" onClick={() => review.mutate("approved")} disabled={review.isPending}>Approve</button>
          <button className="btn small danger" onClick={() => review.mutate("rejected")} disabled={review.isPending}>Reject</button>
        </div>
      </div>
      {review.error && <div className="alert error">{review.error.message}</div>}
      {p.verdict === "rejected" && <div className="alert warn" data-testid="rejection">Rejected: {p.reason}</div>}
      <p className="statement"><StatementText text={p.statement} /></p>
      <p>
        Answer (<strong>{p.answer.kind}</strong>{p.answer.tolerance ? `, ±${p.answer.tolerance}` : ""}): <span className="mono" data-testid="answer">{formatAnswer(p.answer)}</span>
        <span className="muted"> · known by {p.source}</span>
      </p>
      <p data-testid="lineage">
        {p.lineage.parent ? (
          <>
            Round {p.lineage.round}: hardened from{" "}
            <button className="link mono" onClick={() => onSelect(p.lineage.parent!)} data-testid="lineage-parent">{p.lineage.parent}</button> by <strong>{p.lineage.mutation}</strong>
          </>
        ) : (
          <>Round {p.lineage.round}: an original problem{p.lineage.mutation ? ` (${p.lineage.mutation})` : ""}</>
        )}
      </p>
      <p className="muted">
        Difficulty {p.difficulty.score} = {p.difficulty.solution_steps} solution steps + {p.difficulty.tool_calls} tool calls{p.domain ? ` · domain ${p.domain}` : ""}
      </p>
      {p.plan.length > 0 && (
        <details open>
          <summary>Solution: {p.plan.length} read-tool calls, then the query</summary>
          <ol className="mono plan">{p.plan.map((c, i) => <li key={i}>{c.name}({JSON.stringify(c.arguments)})</li>)}</ol>
        </details>
      )}
      {p.program && (
        <details>
          <summary>Solution program (query{p.program.db_patch.length ? ` and ${p.program.db_patch.length} distractor record(s)` : ""})</summary>
          <pre className="program">{JSON.stringify(p.program, null, 2)}</pre>
        </details>
      )}
      {p.agreement && (
        <div>
          <h3>Solver answers ({p.agreement.agreeing} agree, {p.agreement.required} required)</h3>
          <ul>{p.agreement.solvers.map((s) => <li key={s.solver}><span className="mono">{s.solver}</span>: {s.answer ?? <em>error: {s.error}</em>}</li>)}</ul>
        </div>
      )}
      <h3>Pass rates</h3>
      {p.difficulty.pass_rates.length === 0 ? (
        <p className="muted">Not evaluated yet.</p>
      ) : (
        <table className="simple">
          <thead><tr><th>Policy</th><th className="num">Round</th><th className="num">Samples</th><th className="num">Pass rate</th></tr></thead>
          <tbody>{p.difficulty.pass_rates.map((r, i) => <tr key={i}><td title={r.policy}>{policyLabel(r.policy)}</td><td className="num">{r.round}</td><td className="num">{r.samples}</td><td className="num">{Math.round(r.rate * 100)}%</td></tr>)}</tbody>
        </table>
      )}
      <h3>Family</h3>
      <FamilyView family={data.family} current={p.id} onSelect={onSelect} />
    </div>
  );
}
