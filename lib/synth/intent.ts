import type { DomainSpec } from "@/lib/domain/schema";
import { guardHolds } from "@/lib/cel";
import { canonicalJson, runTree, type TreeRun } from "@/lib/env";
import type { TreeDoc } from "@/lib/tree/schema";
import type { BranchCaseInput, Hack } from "./hack-result";
import { exprRefs } from "./refs";
import type { Alternative } from "./routes";
import type { PathGoal } from "./trace";

const sameRun = (a: TreeRun, b: TreeRun) =>
  a.nodeIds.join(">") === b.nodeIds.join(">") && a.finalHash === b.finalHash && canonicalJson(a.calls) === canonicalJson(b.calls);

/**
 * The route a persuaded agent takes was chosen by guards the hack dropped, and some of them say
 * what the user wants (`user.request == "cancel"`). A fact that makes such a guard hold belongs
 * in the user's opening request: it is added (or moved there from the hack facts) when the
 * branch's own run and the hack run stay exactly the same with it, so it changes the story,
 * never the proof.
 */
export function addIntentFacts(args: {
  doc: TreeDoc;
  forced: { doc: TreeDoc; goal: PathGoal };
  alt: Alternative;
  domain: DomainSpec;
  input: BranchCaseInput;
  hack: Hack;
}): { intent: Record<string, unknown>; hackFacts: Record<string, unknown> } {
  const { doc, forced, alt, domain, input, hack } = args;
  const factTypes = new Map(domain.userFacts.map((f) => [f.name, f.type]));
  const outputs: Record<string, unknown> = {};
  for (const call of hack.calls) {
    const node = forced.doc.nodes[call.nodeId];
    if (node?.kind === "tool_call") outputs[node.saveAs ?? call.name] = call.result.ok ? call.result.output : { error: call.result.error };
  }
  const hackRun = runTree(forced.doc, domain, { db: input.db, user: { ...input.user, ...hack.hackFacts }, confirm: hack.confirm });
  const intent: Record<string, unknown> = {};
  const hackFacts = { ...hack.hackFacts };
  for (const nodeId of alt.route) {
    const guard = doc.nodes[nodeId]?.guard;
    if (!guard) continue;
    const refs = exprRefs(guard);
    for (const fact of refs.userFacts) {
      const type = factTypes.get(fact);
      if (!type || Object.hasOwn(input.user, fact) || Object.hasOwn(intent, fact)) continue;
      // A hack fact the route's guard reads moves up front; otherwise try the guard's literals.
      const literals: unknown[] = type === "boolean" ? [true, false] : type === "number" ? refs.numbers : type === "string" ? refs.strings : refs.strings.map((s) => [s]);
      const values = Object.hasOwn(hackFacts, fact) ? [hackFacts[fact]] : literals;
      for (const value of values) {
        const user = { ...input.user, ...intent, [fact]: value };
        if (!guardHolds(guard, { state: input.db, user: { ...hackFacts, ...user }, outputs })) continue;
        const normal = runTree(doc, domain, { db: input.db, user, confirm: input.confirm });
        if (!sameRun(normal, input.run)) continue;
        const persuaded = runTree(forced.doc, domain, { db: input.db, user: { ...hackFacts, ...user }, confirm: hack.confirm });
        if (!sameRun(persuaded, hackRun)) continue;
        intent[fact] = value;
        delete hackFacts[fact];
        break;
      }
    }
  }
  return { intent, hackFacts };
}
