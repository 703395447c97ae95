import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc } from "@/lib/tree/schema";
import { exprRefs } from "./refs";

const argNames = (expr: string) => [...expr.matchAll(/\bargs\.([A-Za-z_]\w*)/g)].map((m) => m[1]);

/**
 * Whether facts the search may still add could change why a write was refused. The refusal
 * names its cause: a failed precondition (the arguments it reads, directly or through the records
 * it reads), a bad argument (its path), or anything else (all arguments). The write's bindings
 * say which user facts those arguments come from. When none of them may vary, the refusal is the
 * environment enforcing the rule on data the case has fixed, and searching further is pointless.
 */
export function canFactsChangeRefusal(
  doc: TreeDoc,
  nodeId: string,
  error: string,
  domain: Pick<DomainSpec, "tools">,
  variable: Set<string>,
): boolean {
  const node = doc.nodes[nodeId];
  const effect = domain.tools.find((t) => t.name === node?.tool)?.effect;
  const bindings = node?.args ?? {};
  let args = Object.keys(bindings);
  if (effect?.kind === "write") {
    const readKeys = new Map((effect.reads ?? []).map((r) => [r.name, argNames(r.key)]));
    const failed = (effect.preconditions ?? []).find((p) => p.error === error);
    if (failed) {
      const viaRecords = [...failed.check.matchAll(/\brec\.([A-Za-z_]\w*)/g)].flatMap((m) => readKeys.get(m[1]) ?? []);
      args = [...argNames(failed.check), ...viaRecords];
    }
  }
  const invalid = error.match(/^invalid arguments for \w+: (.*)$/);
  if (invalid) args = Object.keys(bindings).filter((a) => invalid[1].split("; ").some((p) => p.startsWith(`${a}:`) || p.startsWith(`${a}[`) || p.startsWith(`${a}.`)));
  return args.some((a) => {
    const refs = exprRefs(bindings[a]);
    return refs.outputs.length > 0 || refs.userFacts.some((f) => variable.has(f));
  });
}
