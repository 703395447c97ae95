import type { ToolSpec } from "@/lib/domain/schema";
import type { GuardChecker } from "@/lib/tree/guard-check";
import type { NestedNode } from "./nested";
import { negate, recordSources, translateCondition } from "./preconditions";
import type { KnownOutput } from "./match";
import { humanize } from "./words";

/**
 * The guarded alternatives in front of a write tool: one refusal per precondition, a check that
 * each record it reads exists, a refusal of values outside a parameter's enum. Each is a guard
 * the tree's checker accepts, or a refusal whose guard the curator must write (reported).
 */
export type WriteGuards = {
  /** Refusals that need no fact the write step asks for: they go before its questions. */
  early: NestedNode[];
  /** Existence checks and refusals over facts the step asks for: after its questions. */
  late: NestedNode[];
  notes: string[];
};

export type WriteContext = {
  tool: ToolSpec;
  /** Parameter → bound expression. */
  bindings: Record<string, string>;
  /** Parameter → the user fact it is bound to. */
  factOf: Record<string, string>;
  /** Facts this step asks for (not asked earlier on the path). */
  newFacts: Set<string>;
  outputs: KnownOutput[];
  checker: GuardChecker;
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const factsIn = (expr: string) => [...expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/\buser\.([A-Za-z_]\w*)/g)].map((m) => m[1]);
const sentence = (s: string) => capitalize(s.trim().replace(/\.?$/, "."));

export function writeGuards(ctx: WriteContext): WriteGuards {
  const { tool, bindings, checker } = ctx;
  const out: WriteGuards = { early: [], late: [], notes: [] };
  if (tool.effect.kind !== "write") return out;
  const visible = ctx.outputs.map((o) => ({ key: o.key, tool: o.tool.name }));
  const valid = (guard: string) => {
    const r = checker.check(guard, visible);
    return r.valid && (r.type === "bool" || r.type === "dyn");
  };
  const place = (node: NestedNode) => (factsIn(node.guard ?? "").some((f) => ctx.newFacts.has(f)) ? out.late : out.early).push(node);
  const action = humanize(tool.name);

  const sources = recordSources(tool, bindings, ctx.outputs);
  for (const source of sources) {
    if (source.viaOutput) continue; // the lookup's not-found branch covers it
    const guard = `!(${source.key} in state.${source.read.table})`;
    if (!valid(guard)) continue;
    const facts = factsIn(source.key);
    const what = source.read.notFound ?? `${source.read.table} ${source.key} not found`;
    out.late.push(
      facts.length
        ? { kind: "clarify", label: `${capitalize(what)}: ask again`, guard, missing: facts }
        : { kind: "refuse", label: capitalize(what), guard, reason: sentence(`Cannot ${action}: ${what}`) },
    );
    out.notes.push(`${tool.name} reads ${source.read.table} by \`${source.key}\`, which no earlier lookup returns: the existence check reads the database directly.`);
  }

  tool.effect.preconditions.forEach((pre, i) => {
    const guard = negate(translateCondition(pre.check, bindings, sources));
    const node: NestedNode = { id: `refuse-${tool.name}-${i + 1}`, kind: "refuse", label: capitalize(pre.error), reason: sentence(`Cannot ${action}: ${pre.error}`) };
    if (valid(guard)) {
      place({ ...node, guard });
      if (/\bstate\./.test(guard) && !/\bstate\./.test(pre.check)) {
        out.notes.push(`Refusal "${pre.error}" reads the database directly (\`${guard}\`): the agent only knows this after a lookup; consider one.`);
      }
    } else {
      // A guard that never holds keeps the tree valid; the curator writes the real one.
      out.early.push({ ...node, guard: "false", label: `${capitalize(pre.error)} (write this guard)` });
      out.notes.push(`${tool.name}: precondition \`${pre.check}\` ("${pre.error}") could not be turned into a guard; its refusal has the guard \`false\` until you write one.`);
    }
  });

  const props = (tool.parameters.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [param, schema] of Object.entries(props)) {
    const fact = ctx.factOf[param];
    if (!fact || !Array.isArray(schema?.enum) || schema.enum.length === 0) continue;
    const allowed = schema.enum.map((v) => JSON.stringify(v)).join(", ");
    const guard = `!(user.${fact} in [${allowed}])`;
    if (!valid(guard)) continue;
    place({ kind: "refuse", label: `${capitalize(humanize(fact))} is not an accepted value`, guard, reason: `${capitalize(humanize(param))} must be one of ${allowed}.` });
  }
  return out;
}
