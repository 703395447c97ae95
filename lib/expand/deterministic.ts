import type { DomainSpec, ToolSpec, UserFact } from "@/lib/domain/schema";
import { createGuardChecker, type GuardChecker } from "@/lib/tree/guard-check";
import type { TreeDoc } from "@/lib/tree/schema";
import { bindParam, matchStep, outputFields, outputKey, placeholderFor, type KnownOutput } from "./match";
import { toTreeDoc, type NestedNode } from "./nested";
import { requestBranches } from "./request";
import { humanize } from "./words";
import { writeGuards } from "./write-step";

/**
 * The offline expander: a workflow's steps become the happy path (each step a tool call when
 * a tool's name fits it, else a decision labelled with the step), and the domain's tools add the
 * branches around it: a question for each fact a call needs, a not-found branch after each
 * lookup, refusals from a write tool's preconditions, a confirmation before each write (a
 * decline aborts) and a hand-over for requests the workflow does not serve.
 */
export type ExpandResult = { doc: TreeDoc; notes: string[] };
export type DeterministicOptions = { rootLabel?: string };

type Path = { asked: Set<string>; outputs: KnownOutput[]; keys: Set<string> };
type Ctx = { domain: DomainSpec; steps: string[]; tools: (ToolSpec | null)[]; checker: GuardChecker; notes: string[] };

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const askLabel = (fact: UserFact) => `Ask for ${fact.description ? lower(fact.description) : `the ${humanize(fact.name)}`}`;

export function expandWorkflowDeterministic(steps: string[], domain: DomainSpec, opts: DeterministicOptions = {}): ExpandResult {
  const clean = steps.map((s) => s.trim()).filter(Boolean);
  const notes: string[] = [];
  const callable = domain.tools.filter((t) => t.effect.kind !== "transfer");
  const tools = clean.map((step) => {
    const match = matchStep(step, callable);
    if (match) notes.push(`Step "${step}" → tool ${match.tool.name}.`);
    else notes.push(`Step "${step}" matches no tool: it is a decision node; give it guarded children or a tool.`);
    return match?.tool ?? null;
  });
  const ctx: Ctx = { domain, steps: clean, tools, checker: createGuardChecker(domain), notes };
  const intent = requestBranches(domain, tools.filter((t): t is ToolSpec => t !== null));
  notes.push(...intent.notes);
  const path: Path = { asked: new Set(intent.asked), outputs: [], keys: new Set() };
  const root: NestedNode = {
    id: "root",
    kind: "decision",
    label: opts.rootLabel?.trim() || "What does the user need?",
    children: [...intent.branches, ...stepChildren(0, path, ctx)],
  };
  return { doc: toTreeDoc(root), notes };
}

/** The children a parent gets for steps i… : guarded alternatives, then the step's own node last. */
function stepChildren(i: number, path: Path, ctx: Ctx): NestedNode[] {
  if (i >= ctx.steps.length) {
    const last = ctx.steps.at(-1);
    return [{ id: "done", kind: "execute", label: last ? `Done: ${lower(last)}` : "Done" }];
  }
  const tool = ctx.tools[i];
  const step = ctx.steps[i];
  if (!tool) return [{ kind: "decision", label: step, children: stepChildren(i + 1, path, ctx) }];

  const facts = new Map(ctx.domain.userFacts.map((f) => [f.name, f]));
  const props = (tool.parameters.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : Object.keys(props);
  const args: Record<string, string> = {};
  const factOf: Record<string, string> = {};
  for (const param of required) {
    const b = bindParam(param, props[param], ctx.domain.userFacts, path.outputs, Object.keys(props).filter((p) => p !== param));
    if (b?.fact) factOf[param] = b.fact;
    if (b?.guessed) ctx.notes.push(`${tool.name}: parameter ${param} is bound to user.${b.fact} (names alike; check it).`);
    if (!b) ctx.notes.push(`${tool.name}: nothing on the path supplies parameter ${param}; it is bound to a placeholder to fill in.`);
    args[param] = b?.expr ?? placeholderFor(props[param]);
  }
  const newFacts = new Set(Object.values(factOf).filter((f) => !path.asked.has(f)));
  const questions: NestedNode[] = [...newFacts].map((f) => ({
    id: `ask-${f}`, kind: "clarify", label: askLabel(facts.get(f)!), guard: `!has(user.${f})`, missing: [f],
  }));
  const asked = new Set([...path.asked, ...newFacts]);

  if (tool.effect.kind === "write") {
    const guards = writeGuards({ tool, bindings: args, factOf, newFacts, outputs: path.outputs, checker: ctx.checker });
    ctx.notes.push(...guards.notes);
    const next: Path = { ...path, asked };
    const call: NestedNode = { id: tool.name, kind: "tool_call", label: step, tool: tool.name, args, children: stepChildren(i + 1, next, ctx) };
    const confirm: NestedNode = {
      id: `confirm-${tool.name}`, kind: "confirm", label: `Read back the details; ask the user to confirm: ${lower(step)}`,
      children: [call, { id: `declines-${tool.name}`, kind: "abort", label: "The user declines", reason: "The user did not confirm, so nothing was changed." }],
    };
    return [...guards.early, ...questions, ...guards.late, confirm];
  }

  const key = outputKey(tool, path.keys);
  const output: KnownOutput = { key, tool, args, fields: outputFields(tool, key, ctx.domain) };
  const next: Path = { asked, outputs: [...path.outputs, output], keys: new Set([...path.keys, key]) };
  const call: NestedNode = {
    id: tool.name, kind: "tool_call", label: step, tool: tool.name, args, saveAs: key,
    children: [notFound(tool, key, Object.values(factOf)), ...stepChildren(i + 1, next, ctx)],
  };
  return [...questions, call];
}

/** What follows a lookup that found nothing: ask again for the facts it used, or refuse. */
function notFound(tool: ToolSpec, key: string, facts: string[]): NestedNode {
  const effect = tool.effect;
  const guard = effect.kind === "filter" ? `size(outputs.${key}.${effect.as ?? "items"}) == 0` : `has(outputs.${key}.error)`;
  const what = effect.kind === "get" ? (effect.notFound ?? `no ${humanize(effect.table)} record found`) : `no ${humanize(key)} found`;
  const id = `${tool.name}-not-found`;
  if (facts.length) return { id, kind: "clarify", label: `${what.charAt(0).toUpperCase()}${what.slice(1)}: ask the user to check`, guard, missing: [...new Set(facts)] };
  return { id, kind: "refuse", label: `${what.charAt(0).toUpperCase()}${what.slice(1)}`, guard, reason: `Nothing to act on: ${what}.` };
}
