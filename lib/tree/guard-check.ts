import type { ASTNode, Environment } from "@marcbachmann/cel-js";
import { firstLine } from "@/lib/cel";
import { DYN, type CelType } from "./cel-types";
import {
  baseGuardEnvironment,
  guardEnvironment,
  outputsType,
  stateType,
  userType,
  withOutputs,
  type GuardVarTypes,
  type TreeDomainContext,
  type VisibleOutput,
} from "./guard-types";

export type CelCheck =
  | { valid: true; type: string }
  | { valid: false; kind: "syntax" | "type"; message: string };

type Scope = { env: Environment; types: GuardVarTypes | null };

/** The field path of `user.a.b` as ["user", "a", "b"]; null for anything but a plain chain. */
function fieldChain(node: ASTNode): string[] | null {
  if (node.op === "id") return [node.args];
  if (node.op !== ".") return null;
  const base = fieldChain(node.args[0]);
  return base && [...base, node.args[1]];
}

/** Every `has(x.y)` argument in the expression. */
function hasArguments(node: unknown, out: ASTNode[] = []): ASTNode[] {
  if (!node || typeof node !== "object") return out;
  if (Array.isArray(node)) {
    for (const n of node) hasArguments(n, out);
    return out;
  }
  if (!("op" in node)) return out;
  const ast = node as ASTNode;
  if (ast.op === "call" && ast.args[0] === "has" && ast.args[1].length === 1) out.push(ast.args[1][0]);
  if (typeof ast.args === "object") hasArguments(ast.args, out);
  return out;
}

/**
 * cel-js accepts `has()` on any field, but `has(user.typo)` or `has(outputs.x)` on a path
 * where x never ran is always false: a silent bug worth naming. Only record fields are
 * judged; maps and dyn may hold any key.
 */
function unknownHasField(ast: ASTNode, types: GuardVarTypes): string | null {
  for (const arg of hasArguments(ast)) {
    const chain = fieldChain(arg);
    if (!chain || !(chain[0] in types)) continue;
    let t: CelType = types[chain[0] as keyof GuardVarTypes];
    for (let i = 1; i < chain.length && t.kind === "record"; i++) {
      const next: CelType | undefined = t.fields[chain[i]];
      if (!next) {
        const owner = chain.slice(0, i).join(".");
        const where = chain[0] === "outputs" && i === 1 ? " on this path" : "";
        return `has(${chain.join(".")}) is always false: ${owner} has no field "${chain[i]}"${where}`;
      }
      t = next;
    }
  }
  return null;
}

function checkIn(scope: Scope, expr: string): CelCheck {
  try {
    // check() alone is much cheaper than parse(), which also compiles an evaluator.
    const result = scope.env.check(expr);
    if (!result.valid) {
      const kind = result.error?.name === "ParseError" ? "syntax" : "type";
      return { valid: false, kind, message: firstLine(result.error?.message ?? "does not type-check") };
    }
    const hasProblem = scope.types && /\bhas\s*\(/.test(expr) && unknownHasField(scope.env.parse(expr).ast, scope.types);
    if (hasProblem) return { valid: false, kind: "type", message: hasProblem };
    return { valid: true, type: result.type ?? "dyn" };
  } catch {
    // A checker limitation is not the curator's mistake: accept what we cannot judge.
    return { valid: true, type: "dyn" };
  }
}

/**
 * Type-checks guards and bindings of one tree against one domain; environments are cached per
 * set of visible outputs (many nodes share one). Without a domain every variable is dyn and
 * only syntax errors and unknown variables are caught.
 */
export function createGuardChecker(domain?: TreeDomainContext) {
  const scopes = new Map<string, Scope>();
  const counter = { n: 0 };
  const fixed = domain ? { state: stateType(domain), user: userType(domain) } : null;
  let base: Environment | null = null;
  const scopeFor = (visible: VisibleOutput[] | null): Scope => {
    const key = !domain ? "dyn" : visible === null ? "*" : JSON.stringify(visible.map((v) => [v.key, v.tool]));
    let scope = scopes.get(key);
    if (!scope) {
      if (!domain || !fixed) {
        scope = { env: guardEnvironment(null), types: null };
      } else {
        // Unknown path (an unreachable node): any output key is allowed.
        const outputs: CelType = visible === null ? { kind: "map", of: DYN } : outputsType(domain, visible);
        try {
          base ??= baseGuardEnvironment(fixed, counter);
          scope = { env: withOutputs(base, outputs, counter), types: { ...fixed, outputs } };
        } catch {
          // Data cel-js cannot declare must not break validation: check untyped instead.
          scope = { env: guardEnvironment(null), types: null };
        }
      }
      scopes.set(key, scope);
    }
    return scope;
  };
  return {
    /** `visible` null: the node's path is unknown. */
    check: (expr: string, visible: VisibleOutput[] | null): CelCheck => checkIn(scopeFor(visible), expr),
    /** The literal's value when the expression is just a literal (for enum checks), else null. */
    literal: (expr: string): { value: unknown } | null => {
      try {
        const ast = scopeFor(null).env.parse(expr).ast;
        return ast.op === "value" ? { value: typeof ast.args === "bigint" ? Number(ast.args) : ast.args } : null;
      } catch {
        return null;
      }
    },
  };
}
export type GuardChecker = ReturnType<typeof createGuardChecker>;
