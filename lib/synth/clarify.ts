import type { DomainSpec } from "@/lib/domain/schema";
import { canonicalJson } from "@/lib/env";
import type { Branch, TreeDoc } from "@/lib/tree/schema";
import { climb } from "./climb";
import { focusOf } from "./focus";
import { legal, type BranchCaseInput, type Hack } from "./hack-result";
import { alternatives, forceRoute } from "./routes";
import { followPath, type Candidate, type PathTrace } from "./trace";

const CLARIFY_BUDGET = 80;

/**
 * Clarify: the missing facts the user gives when asked. Their values come from a short search
 * toward the nearest execute route, so the answer moves the conversation on (a real order id of
 * this customer, not any order id).
 */
export function clarifyHack(doc: TreeDoc, branch: Branch, domain: DomainSpec, input: BranchCaseInput, seed: number): Hack {
  const missing = (doc.nodes[branch.leafId]?.missing ?? []).filter((f) => domain.userFacts.some((u) => u.name === f));
  const note = `Clarification case: the agent must ask for ${missing.join(", ") || "the missing details"} before acting.`;
  const start = { user: input.user, db: input.db };
  const variable = new Set(missing);
  const all = alternatives(doc, branch);
  for (const alt of all.filter((a) => a.ancestorIndex === all[0].ancestorIndex).slice(0, 2)) {
    const { goal } = forceRoute(doc, branch, alt);
    const before = followPath(doc, goal, domain, start).progress;
    // Good enough once what blocks the walk is no longer one of the missing facts.
    const isAnswered = (t: PathTrace, cand: Candidate) =>
      t.progress > before && (t.complete || !focusOf(doc, goal, t, domain, cand, variable, true).facts.some((f) => variable.has(f)));
    const { best } = climb({
      doc,
      goal,
      domain,
      variable,
      freezeDb: true,
      start,
      seed,
      maxIterations: CLARIFY_BUDGET,
      score: (t, cand) => ({ score: t.progress * 1000, isPerfect: isAnswered(t, cand) }),
    });
    if (best.trace.progress <= before) continue; // no answer moves the conversation on along this route
    const given = Object.fromEntries(
      missing.filter((f) => Object.hasOwn(best.cand.user, f) && canonicalJson(best.cand.user[f]) !== canonicalJson(input.user[f])).map((f) => [f, best.cand.user[f]]),
    );
    if (Object.keys(given).length) return legal(note, given);
  }
  return legal(note);
}
