import type { Fact } from "./plan/plan";
import type { Query, Result, Step } from "./query/schema";

/**
 * Statements rendered from the query, one template per operation. Field names stay in
 * backticks, as the tools return them, so the question is exact; an LLM rewrite may make it
 * read naturally later (and is re-checked to keep every value).
 */
const code = (f: string) => `\`${f}\``;
const singular = (table: string) => table.replace(/_/g, " ").replace(/ies$/, "y").replace(/s$/, "");
const plural = (table: string) => table.replace(/_/g, " ");
const lit = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

const CMP: Record<string, string> = { eq: "is", ne: "is not", gt: "is greater than", ge: "is at least", lt: "is less than", le: "is at most" };

export function anchorPhrase(table: string, facts: Fact[]): string {
  return `the ${singular(table)} with ${facts.map((f) => `${f.field.replace(/_/g, " ")} ${f.value}`).join(" and ")}`;
}

function condition(step: Extract<Step, { op: "where" | "window" }>): string {
  if (step.op === "window") return `whose ${code(step.field)} falls between ${step.from} and ${step.to} (both included)`;
  if (step.value === null) return `whose ${code(step.field)} ${step.cmp === "eq" ? "is empty" : "is set"}`;
  return `whose ${code(step.field)} ${CMP[step.cmp]} ${lit(step.value)}`;
}

function definition(step: Extract<Step, { op: "derive" }>): string {
  if (step.fn === "sum_of") return `Let ${code(step.name)} be the sum of ${code(step.field ?? "")} over the entries of ${code(step.of)}.`;
  if (step.fn === "count_of") return `Let ${code(step.name)} be the number of entries in ${code(step.of)}.`;
  return `Let ${code(step.name)} be the number of days from ${code(step.of)} to ${step.to && /^\d{4}-/.test(step.to) ? step.to : code(step.to ?? "")}.`;
}

function question(result: Result, noun: string): string {
  switch (result.op) {
    case "count":
      return `How many such ${noun} are there?`;
    case "sum":
      return `What is the total of ${code(result.field)} over these ${noun}?`;
    case "avg":
      return `What is the average ${code(result.field)} of these ${noun}?`;
    case "min":
    case "max":
      return `What is the ${result.op === "min" ? "smallest" : "largest"} ${code(result.field)} among these ${noun}?`;
    case "argmax":
    case "argmin":
      return `Which of these ${noun} has the ${result.op === "argmax" ? "highest" : "lowest"} ${code(result.field)}? Answer with its ${code(result.pick)}.`;
    case "top_k":
      return `List the ${code(result.pick)} of the ${result.k} ${noun} with the ${result.order === "desc" ? "highest" : "lowest"} ${code(result.field)}, ${result.order === "desc" ? "highest" : "lowest"} first.`;
    case "distinct":
      return `Which distinct values of ${code(result.field)} occur among these ${noun}? Answer with the set of values.`;
    case "group_best":
      return result.agg === "count"
        ? `Grouping these ${noun} by ${code(result.by)}, which ${code(result.by)} has the most ${noun}?`
        : `Grouping these ${noun} by ${code(result.by)}, which ${code(result.by)} has the largest total ${code(result.field ?? "")}?`;
  }
}

/** One question about one anchor: the scope, its conditions, the definitions, the question. */
export function renderQuery(query: Query, facts: Fact[]): string {
  let scope = anchorPhrase(query.anchor.table, facts);
  let noun = singular(query.anchor.table);
  const conditions: string[] = [];
  const joins: string[] = [];
  const definitions: string[] = [];
  const flush = () => {
    if (conditions.length) scope += ` ${conditions.splice(0).join(" and ")}`;
  };
  for (const step of query.steps) {
    if (step.op === "children") {
      flush();
      scope = `the ${plural(step.table)} of ${scope}`;
      noun = plural(step.table);
    } else if (step.op === "unnest") {
      flush();
      scope = `the entries of ${code(step.field)} in ${scope}`;
      noun = `${code(step.field)} entries`;
    } else if (step.op === "join") joins.push(`${code(step.as)} is the ${singular(step.table)} record whose id is ${code(step.field)}`);
    else if (step.op === "derive") definitions.push(definition(step));
    else conditions.push(condition(step));
  }
  flush();
  const where = joins.length ? ` (where ${joins.join(", and ")})` : "";
  const head = `Consider ${scope}${where}.`;
  return [head, ...definitions, question(query.result, noun)].join(" ");
}

/** The whole statement; a composition asks its questions in order and wants both answers as a list. */
export function renderStatement(queries: Query[], facts: Fact[][]): string {
  if (queries.length === 1) return renderQuery(queries[0], facts[0]);
  const parts = queries.map((q, i) => `(${i + 1}) ${renderQuery(q, facts[i])}`);
  return `Answer ${queries.length} questions in order. ${parts.join(" ")} Give the answers as a list, in the order asked.`;
}
