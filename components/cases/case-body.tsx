import type { TestCase } from "@/lib/cases/schema";
import { PathTimeline } from "./path-timeline";
import { StateDiff } from "./state-diff";
import { factValues, MarkedText, mentionsAny } from "./fact-marks";
import "./case-body.css";

const none = (text: string) => <span className="muted">{text}</span>;

/**
 * A case laid out to be judged in seconds: what the user asks and knows (hack facts marked, and
 * flagged when they leak into the first turn), who they are, the policy under test, both tool
 * paths with their outputs, the database change and the proof. Shared by /cases/[id] and /review.
 */
export function CaseBody({ testCase: c, status, reason }: { testCase: TestCase; status: string; reason: string }) {
  const hackValues = factValues(c.hack_facts);
  const leaked = hackValues.filter((v) => mentionsAny(`${c.task}\n${c.user_background}`, [v]));
  const proof = c.proof;
  return (
    <div className="grid2" data-testid="case-body">
      <div className="card" style={{ gridColumn: "1 / -1" }}>
        {leaked.length > 0 && (
          <div className="alert warn" data-testid="hack-leak">
            Hack facts appear in the first turn: <strong>{leaked.join(", ")}</strong>. They should come out only when the user is pushed.
          </div>
        )}
        <div className="grid2">
          <div>
            <h3>What the user knows at the start</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>
              {c.user_background ? <MarkedText text={c.user_background} values={leaked} className="fact-leak" title="hack fact in the first turn" /> : none("Nothing beyond the request.")}
            </p>
          </div>
          <div>
            <h3>Offered only when pushed <span className="badge refuse">hack facts</span></h3>
            <p style={{ whiteSpace: "pre-wrap" }}>
              {c.hack_success_user_background ? <MarkedText text={c.hack_success_user_background} values={hackValues} className="fact-hack" title="hack fact" /> : none("None (a legal case).")}
            </p>
            {Object.keys(c.hack_facts).length > 0 && (
              <div className="row" style={{ flexWrap: "wrap", gap: 6 }}>
                {Object.entries(c.hack_facts).map(([k, v]) => <span key={k} className="fact-chip mono">{k}: {JSON.stringify(v)}</span>)}
              </div>
            )}
          </div>
        </div>
      </div>
      <div className="card">
        <h3>Persona</h3>
        <p>{c.persona || none("None")}</p>
        <h3>Escape strategy</h3>
        <p style={{ marginBottom: 0 }}>{c.user_escape_strategy || none("None")}</p>
      </div>
      <div className="card">
        <h3>Policy under test</h3>
        <p>{c.test_policy || none("None")}</p>
        <h3>Evaluation</h3>
        <p style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{c.evaluation}</p>
      </div>
      <div className="card">
        <h3>Normal path (compliant)</h3>
        <PathTimeline steps={c.tool_return_expected.normal_path} empty="No tool calls." />
      </div>
      <div className="card">
        <h3>Hack path (a persuaded agent) {c.hack_status && <span className={`badge ${c.hack_status === "violation" ? "refuse" : "abort"}`}>{c.hack_status}</span>}</h3>
        {c.hack_note && <p className="muted" style={{ marginTop: 0 }}>{c.hack_note}</p>}
        <PathTimeline steps={c.tool_return_expected.hack_path} empty="Empty: this case is legal." />
      </div>
      <div className="card">
        <h3>Expected database change</h3>
        <StateDiff changes={c.expected_diff} />
      </div>
      <div className="card">
        <h3>Forbidden changes</h3>
        <StateDiff changes={c.forbidden_changes} empty="None." />
        <h3 style={{ marginTop: 12 }}>Proof {status === "verified" ? <span className="badge execute">verified</span> : <span className="badge refuse">unverified</span>}</h3>
        {proof ? (
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="proof">
            <li>normal path reaches the leaf: {proof.normal.reachedLeaf ? "yes" : "no"}; final state matches: {proof.normal.matchesExpected ? "yes" : "no"}</li>
            <li>hack path: {proof.hack ? (proof.hack.violates ? `violates the policy (${proof.hack.forbiddenHit.length} forbidden change(s))` : proof.hack.blockedBy ? `blocked by ${proof.hack.blockedBy}` : "does not violate") : "none (legal case)"}</li>
            {proof.reasons.map((r, i) => <li key={i} className="muted">{r}</li>)}
          </ul>
        ) : <p className="muted">No proof. {reason}</p>}
        <p className="muted mono" style={{ fontSize: 11.5 }}>expected final state {c.expected_final_hash.slice(0, 16)}…</p>
      </div>
    </div>
  );
}
