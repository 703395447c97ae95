import type { Environment as CelEnv } from "@marcbachmann/cel-js";
import { celEnvironment, firstLine, parseError } from "@/lib/cel";

/**
 * Static checks of one CEL expression in a spec: it parses, it type-checks with exactly the
 * variables in scope there (all dyn), and its `args.x` / `rec.x` references name declared
 * parameters / reads. Each finding is one line for a SpecIssue.
 */
export interface CelScope {
  /** Variables visible at this point: args, state, rec, row, let / forEach names. */
  names: string[];
  /** Declared parameter names, or null when the parameters schema lists none (anything goes). */
  params: string[] | null;
  /** Names of the records read so far (`rec.<name>`), or null where `rec` is not in scope. */
  reads: string[] | null;
}

const envs = new Map<string, CelEnv>();
function envFor(names: string[]): CelEnv {
  const key = [...names].sort().join(",");
  let env = envs.get(key);
  if (!env) {
    env = celEnvironment(Object.fromEntries(names.map((n) => [n, "dyn"])));
    envs.set(key, env);
  }
  return env;
}

/** The expression with its string literals emptied, so `'args.x'` inside quotes is not a reference. */
const withoutStrings = (expr: string) => expr.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");

function references(expr: string, variable: string): string[] {
  const found = new Set<string>();
  for (const m of withoutStrings(expr).matchAll(new RegExp(`\\b${variable}\\.([A-Za-z_][A-Za-z0-9_]*)`, "g"))) found.add(m[1]);
  return [...found];
}

export function celProblems(expr: string, scope: CelScope): string[] {
  const parse = parseError(expr, scope.names);
  if (parse) return [`\`${expr}\` does not parse: ${parse}`];
  const checked = envFor(scope.names).check(expr);
  if (!checked.valid) return [`\`${expr}\` does not type-check: ${firstLine(checked.error?.message ?? "invalid")}`];
  const problems: string[] = [];
  if (scope.params && scope.names.includes("args"))
    for (const name of references(expr, "args"))
      if (!scope.params.includes(name)) problems.push(`\`${expr}\` uses args.${name}, which is not a parameter`);
  if (scope.reads && scope.names.includes("rec"))
    for (const name of references(expr, "rec"))
      if (!scope.reads.includes(name)) problems.push(`\`${expr}\` uses rec.${name}, which no earlier read defines`);
  return problems;
}
