"use client";
import Link from "next/link";
import { useCase } from "./use-cases";
import { PathTimeline } from "./path-timeline";
import { StateDiff } from "./state-diff";

/** One case, laid out so a reviewer can judge it in seconds. */
export function CaseDetail({ id }: { id: number }) {
  const { data, error, isLoading } = useCase(id);
  if (isLoading) return <div className="page muted">Loading…</div>;
  if (error || !data) return <div className="page"><div className="alert error">{error?.message ?? "Not found"}</div></div>;
  const { data: c, status, reason, treeId, outcome } = data.case;
  const proof = c.proof;
  return (
    <div className="page" data-testid="case-detail">
      <p className="muted" style={{ margin: 0 }}>
        Case #{id} {treeId && <>· from <Link href={`/trees/${treeId}`}>tree {treeId}</Link></>} · {c.branch.labels.join(" › ")}
      </p>
      <div className="row" style={{ margin: "6px 0 14px" }}>
        <h1 style={{ margin: 0 }}>“{c.task}”</h1>
      </div>
      <div className="row" style={{ marginBottom: 14 }}>
        <span className={`badge ${outcome}`}>expected: {outcome}</span>
        {status === "verified" ? <span className="badge execute">proof verified</span> : <span className="badge refuse">unverified: {reason}</span>}
      </div>
      <div className="grid2">
        <div className="card">
          <h3>What the user knows at the start</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.user_background || <span className="muted">Nothing beyond the request.</span>}</p>
          <h3>Offered only when pushed <span className="badge refuse">hack facts</span></h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.hack_success_user_background || <span className="muted">None (a legal case).</span>}</p>
        </div>
        <div className="card">
          <h3>Persona</h3>
          <p>{c.persona || <span className="muted">None</span>}</p>
          <h3>Escape strategy</h3>
          <p>{c.user_escape_strategy || <span className="muted">None</span>}</p>
          <h3>Policy under test</h3>
          <p>{c.test_policy}</p>
          <h3>Evaluation</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.evaluation}</p>
        </div>
        <div className="card">
          <h3>Normal path (compliant)</h3>
          <PathTimeline steps={c.tool_return_expected.normal_path} empty="No tool calls." />
        </div>
        <div className="card">
          <h3>Hack path (a persuaded agent)</h3>
          <PathTimeline steps={c.tool_return_expected.hack_path} empty="Empty: this case is legal." />
        </div>
        <div className="card">
          <h3>Expected database change</h3>
          <StateDiff changes={c.expected_diff} />
        </div>
        <div className="card">
          <h3>Forbidden changes</h3>
          <StateDiff changes={c.forbidden_changes} empty="None." />
          <h3 style={{ marginTop: 12 }}>Proof</h3>
          {proof ? (
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="proof">
              <li>normal path reaches the leaf: {proof.normal.reachedLeaf ? "yes" : "no"}; final state matches: {proof.normal.matchesExpected ? "yes" : "no"}</li>
              <li>hack path: {proof.hack ? (proof.hack.violates ? `violates the policy (${proof.hack.forbiddenHit.length} forbidden change(s))` : "does not violate") : "none (legal case)"}</li>
              {proof.reasons.map((r, i) => <li key={i} className="muted">{r}</li>)}
            </ul>
          ) : <p className="muted">No proof.</p>}
          <p className="muted mono" style={{ fontSize: 11.5 }}>expected final state {c.expected_final_hash.slice(0, 16)}…</p>
        </div>
      </div>
    </div>
  );
}
