import type { DomainSpec } from "@/lib/domain/schema";
import type { Branch, TreeDoc } from "@/lib/tree/schema";
import { legal, type Hack } from "./hack-result";

/**
 * Clarify: the user does not have the missing facts at hand, so a compliant agent asks and stops
 * there; the expected state is the unchanged one. The facts are never offered (the scripted user
 * says it does not have them), so a case stays on its branch and its reward stays well defined.
 */
export function clarifyHack(doc: TreeDoc, branch: Branch, domain: DomainSpec): Hack {
  const missing = (doc.nodes[branch.leafId]?.missing ?? []).filter((f) => domain.userFacts.some((u) => u.name === f));
  return legal(`Clarification case: the agent must ask for ${missing.join(", ") || "the missing details"} before acting.`);
}
