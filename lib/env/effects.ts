import type { Database, ToolSpec } from "@/lib/domain/schema";
import { CelError, evalCel } from "@/lib/cel";
import { DraftDb } from "./draft";
import { Refusal, SpecBug, evaluateKey, project, requireTable, specBugMessage } from "./effect-failure";
import { compareKeys } from "./state";
import { fail, ok, type ToolResult } from "./types";
import { runWrite } from "./write";

export interface EffectRun {
  result: ToolResult;
  /** The database after the call: the input object itself when nothing changed or the call failed. */
  db: Database;
}

/**
 * Executes a tool's declarative effect on `db`, deterministically and without mutating it.
 * Never throws: a refusal, a missing record or a bug in the spec all come back as error results
 * (spec bugs name the tool and the step). A failed write changes nothing.
 */
export function runEffect(tool: ToolSpec, args: Record<string, unknown>, db: Database): EffectRun {
  const effect = tool.effect;
  try {
    switch (effect.kind) {
      case "get": {
        requireTable(Object.hasOwn(db, effect.table), effect.table, "effect");
        const key = evaluateKey(effect.key, { args, state: db }, "effect.key");
        const row = Object.hasOwn(db[effect.table], key) ? db[effect.table][key] : undefined;
        if (!row) return { result: fail(effect.notFound ?? `${effect.table} ${key} not found`), db };
        return { result: ok(project(row, effect.fields)), db };
      }
      case "filter": {
        requireTable(Object.hasOwn(db, effect.table), effect.table, "effect");
        const rows = db[effect.table];
        const items = Object.keys(rows)
          .sort(compareKeys)
          .filter((key) => rowMatches(effect.where, rows[key], args, db))
          .map((key) => project(rows[key], effect.fields));
        return { result: ok({ [effect.as ?? "items"]: items }), db };
      }
      case "write": {
        const draft = new DraftDb(db);
        const output = runWrite(effect, args, draft);
        return { result: ok(output), db: draft.current };
      }
      case "transfer":
        return { result: ok({ transferred: true }), db };
    }
  } catch (e) {
    if (e instanceof Refusal) return { result: fail(e.message), db };
    if (e instanceof SpecBug) return { result: fail(specBugMessage(tool.name, e)), db };
    return { result: fail(`internal error in tool ${tool.name}: ${(e as Error).message}`), db };
  }
}

/** A row lacking a field the filter reads does not match; any other failure is the spec's. */
function rowMatches(where: string, row: Record<string, unknown>, args: Record<string, unknown>, state: Database): boolean {
  let result: unknown;
  try {
    result = evalCel(where, { row, args, state });
  } catch (e) {
    if (e instanceof CelError && e.kind === "eval" && e.message.startsWith("No such key")) return false;
    throw new SpecBug("effect.where", `\`${where}\` does not evaluate: ${(e as Error).message}`);
  }
  if (typeof result !== "boolean") throw new SpecBug("effect.where", `\`${where}\` gave ${JSON.stringify(result)}, not a boolean`);
  return result;
}
