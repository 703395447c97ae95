import type { Database, DomainSpec } from "@/lib/domain/schema";
import { evalCel } from "@/lib/cel";
import type { TreeDoc } from "@/lib/tree/schema";
import { mergeRefs, exprRefs, type ExprRefs } from "./refs";
import type { Candidate, PathGoal, PathTrace } from "./trace";

/** A record field the search may rewrite. */
export interface FieldTarget {
  table: string;
  key: string;
  field: string;
}

/** What to vary when a walk leaves the path: these facts, these record fields, toward these literals. */
export interface Focus {
  facts: string[];
  fields: FieldTarget[];
  literals: unknown[];
}

const MAX_RECORDS_PER_REF = 6;

/**
 * The facts and records behind the expressions that stopped a walk: facts a guard reads directly,
 * facts that fed the tool whose output it reads (order_id behind `outputs.order`), and the records
 * that tool read. An empty focus means "nothing specific": the caller varies everything.
 */
export function focusOf(
  doc: TreeDoc,
  goal: PathGoal,
  trace: PathTrace,
  domain: Pick<DomainSpec, "tools">,
  cand: Candidate,
  variable: Set<string>,
  firstOnly = false,
): Focus {
  let exprs = trace.divergence?.exprs ?? [];
  if (!trace.divergence && trace.failedWrites.length) {
    const node = doc.nodes[trace.failedWrites[0].nodeId];
    const tool = domain.tools.find((t) => t.name === node?.tool);
    const pre = tool?.effect.kind === "write" ? (tool.effect.preconditions ?? []).map((p) => p.check) : [];
    exprs = [...Object.values(node?.args ?? {}), ...pre];
  }
  const producers = new Map<string, string>();
  for (const id of goal.nodeIds) {
    const n = doc.nodes[id];
    if (n?.kind === "tool_call" && n.tool) producers.set(n.saveAs ?? n.tool, id);
  }
  const facts = new Set<string>();
  const fields: FieldTarget[] = [];
  const seenOutputs = new Set<string>();
  const literals: unknown[] = [];

  const visit = (refs: ExprRefs) => {
    refs.userFacts.forEach((f) => facts.add(f));
    literals.push(...refs.strings, ...refs.numbers.flatMap((n) => [n, n - 1, n + 1]));
    for (const ref of refs.outputs) {
      const nodeId = producers.get(ref.name);
      const call = trace.calls.find((c) => c.nodeId === nodeId);
      if (!nodeId || !call) continue;
      for (const rec of recordsRead(call.name, call.arguments, domain, cand.db)) addFields(rec.table, rec.key, ref.fields);
      if (seenOutputs.has(ref.name)) continue;
      seenOutputs.add(ref.name);
      visit(mergeRefs(Object.values(doc.nodes[nodeId]?.args ?? {}).map(exprRefs)));
    }
    for (const ref of refs.state) {
      const rows = cand.db[ref.table] ?? {};
      const userValues = new Set(Object.values(cand.user).flat().map(String));
      const keys = Object.keys(rows).filter((k) => userValues.has(k));
      for (const key of (keys.length ? keys : Object.keys(rows)).slice(0, MAX_RECORDS_PER_REF)) addFields(ref.table, key, ref.fields);
    }
  };
  const addFields = (table: string, key: string, wanted: string[]) => {
    const record = cand.db[table]?.[key];
    if (!record) return;
    const named = wanted.filter((f) => Object.hasOwn(record, f));
    for (const field of named.length ? named : Object.keys(record)) fields.push({ table, key, field });
  };

  // The earliest guard at fault is what the interpreter trips over first; fix it before the rest.
  const first = trace.divergence?.misses[0]?.guard;
  if (first && exprs.includes(first)) {
    visit(exprRefs(first));
    if (firstOnly || [...facts].some((f) => variable.has(f)) || fields.length) return { facts: [...facts], fields, literals };
  }
  visit(mergeRefs(exprs.map(exprRefs)));
  return { facts: [...facts], fields, literals };
}

/** The records a call read: a get's record, a filter's matching rows, a write's `reads`. */
function recordsRead(toolName: string, args: Record<string, unknown>, domain: Pick<DomainSpec, "tools">, db: Database): { table: string; key: string }[] {
  const effect = domain.tools.find((t) => t.name === toolName)?.effect;
  const keyOf = (expr: string) => {
    try {
      const k = evalCel(expr, { args, state: db, rec: {} });
      return typeof k === "string" || typeof k === "number" ? String(k) : null;
    } catch {
      return null;
    }
  };
  if (!effect) return [];
  if (effect.kind === "get") {
    const key = keyOf(effect.key);
    return key ? [{ table: effect.table, key }] : [];
  }
  if (effect.kind === "filter") {
    const rows = db[effect.table] ?? {};
    return Object.keys(rows)
      .filter((key) => {
        try {
          return evalCel(effect.where, { row: rows[key], args, state: db }) === true;
        } catch {
          return false;
        }
      })
      .slice(0, MAX_RECORDS_PER_REF)
      .map((key) => ({ table: effect.table, key }));
  }
  if (effect.kind === "write")
    return (effect.reads ?? []).flatMap((r) => {
      const key = keyOf(r.key);
      return key ? [{ table: r.table, key }] : [];
    });
  return [];
}
