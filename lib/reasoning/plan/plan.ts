import { guardHolds } from "@/lib/cel";
import type { Database } from "@/lib/domain/schema";
import type { PlannedCall } from "../schema";
import { EXISTS, refOf } from "../query/rows";
import type { ReadTool } from "./read-tools";

/** A fact the agent may know: a field's value ("customer_id" = "cust_ava_moreno"). */
export interface Fact {
  field: string;
  value: string | number;
}

interface Call {
  call: PlannedCall;
  deps: number[];
  exposes: Map<string, Set<string>>;
}

export interface Plan {
  calls: PlannedCall[];
  /** Records the answer stands on whose needed fields no read-tool call shows ("slots/SL-1 (doctor_id)"). */
  unreachable: string[];
  /** Records whose needed reads the plan (or the statement) covers: what the solution inspects. */
  inspected: string[];
}

const factKey = (f: Fact) => `${f.field}=${JSON.stringify(f.value)}`;
const MAX_CALLS = 400;
const MAX_ROUNDS = 6;

/** Scalars in a record's shown fields, under their leaf names (items[].product_id → product_id). */
function factsOf(field: string, value: unknown, out: Fact[]): void {
  if (typeof value === "string" || typeof value === "number") out.push({ field, value });
  else if (Array.isArray(value)) for (const v of value) factsOf(field, v, out);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) factsOf(k, v, out);
}

function* bindings(tool: ReadTool, known: Map<string, Fact[]>): Generator<Record<string, string | number>> {
  const choices = tool.binds.map((b) => (known.get(b.field) ?? []).map((f) => f.value));
  if (choices.some((c) => !c.length)) return;
  const idx = choices.map(() => 0);
  for (let n = 0; n < 200; n++) {
    yield Object.fromEntries(tool.binds.map((b, i) => [b.arg, choices[i][idx[i]]]));
    let i = 0;
    while (i < idx.length && ++idx[i] >= choices[i].length) idx[i++] = 0;
    if (i === idx.length) return;
  }
}

function run(tool: ReadTool, args: Record<string, string | number>, db: Database): Map<string, Set<string>> {
  const table = db[tool.table] ?? {};
  const keys = tool.kind === "get" ? [String(args[tool.binds[0].arg])].filter((k) => Object.hasOwn(table, k)) : Object.keys(table).sort().filter((k) => guardHolds(tool.where!, { row: table[k], args, state: db }));
  const exposes = new Map<string, Set<string>>();
  for (const k of keys) exposes.set(refOf(tool.table, k), new Set([...(tool.fields ?? Object.keys(table[k])), ...tool.whereFields, EXISTS]));
  return exposes;
}

/**
 * The read-tool calls that reach every needed read, starting from what the statement tells
 * (`facts`). Every call an agent could make from those facts is explored breadth-first (capped);
 * each needed read takes the provider whose chain of prerequisite calls is shortest, and the
 * plan is the union of those chains in discovery order (prerequisites first). Reads of records
 * no call shows are `unreachable` when the answer stands on them (`contributing`); records the
 * query only filtered out are not the agent's to see (a booked slot that no tool lists).
 */
export function planCalls(input: { tools: ReadTool[]; db: Database; facts: Fact[]; needs: Map<string, Set<string>>; contributing: Set<string>; given?: Map<string, Set<string>> }): Plan {
  const { tools, db } = input;
  const known = new Map<string, Fact[]>();
  const provider = new Map<string, number | null>();
  const learn = (f: Fact, by: number | null) => {
    const key = factKey(f);
    if (provider.has(key)) return;
    provider.set(key, by);
    known.set(f.field, [...(known.get(f.field) ?? []), f]);
  };
  for (const f of input.facts) learn(f, null);

  const calls: Call[] = [];
  const seen = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS && calls.length < MAX_CALLS; round++) {
    const before = calls.length;
    const snapshot = new Map([...known].map(([k, v]) => [k, v.slice()]));
    for (const tool of tools) {
      for (const args of bindings(tool, snapshot)) {
        const id = `${tool.name}${JSON.stringify(args)}`;
        if (seen.has(id) || calls.length >= MAX_CALLS) continue;
        seen.add(id);
        const deps = [...new Set(tool.binds.map((b) => provider.get(factKey({ field: b.field, value: args[b.arg] }))).filter((d): d is number => typeof d === "number"))];
        const exposes = run(tool, args, db);
        const index = calls.push({ call: { name: tool.name, arguments: args }, deps, exposes }) - 1;
        for (const [ref, fields] of exposes) {
          const [table, key] = [ref.slice(0, ref.indexOf("/")), ref.slice(ref.indexOf("/") + 1)];
          const facts: Fact[] = [];
          for (const f of fields) if (f !== EXISTS) factsOf(f, db[table][key][f], facts);
          for (const f of facts) learn(f, index);
        }
      }
    }
    if (calls.length === before) break;
  }

  const closures = new Map<number, Set<number>>();
  const closure = (i: number): Set<number> => {
    let c = closures.get(i);
    if (!c) {
      c = new Set([i]);
      closures.set(i, c);
      for (const d of calls[i].deps) for (const x of closure(d)) c.add(x);
    }
    return c;
  };

  const chosen = new Set<number>();
  const unreachable = new Map<string, string[]>();
  const inspected = new Set<string>();
  for (const [ref, fields] of input.needs) {
    for (const field of fields) {
      if (input.given?.get(ref)?.has(field)) {
        inspected.add(ref);
        continue;
      }
      let best: Set<number> | null = null;
      calls.forEach((c, i) => {
        if (!c.exposes.get(ref)?.has(field)) return;
        const cl = closure(i);
        // fewest new calls on top of those already chosen; ties go to the earlier call
        const extra = (s: Set<number>) => [...s].filter((x) => !chosen.has(x)).length;
        if (!best || extra(cl) < extra(best)) best = cl;
      });
      if (best) {
        for (const x of best as Set<number>) chosen.add(x);
        inspected.add(ref);
      } else if (input.contributing.has(ref)) unreachable.set(ref, [...(unreachable.get(ref) ?? []), field === EXISTS ? "the record" : field]);
    }
  }
  return {
    calls: [...chosen].sort((a, b) => a - b).map((i) => calls[i].call),
    unreachable: [...unreachable].map(([ref, fields]) => `${ref} (${fields.join(", ")})`),
    inspected: [...inspected],
  };
}
