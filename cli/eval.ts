import { studioDb } from "@/db";
import { executeEval, prepareEval } from "@/lib/eval/execute";
import { formatSummary } from "@/lib/eval/report";
import { EVAL_SPLITS, USER_MODES } from "@/lib/eval/setup";
import type { Command } from "./commands";
import { args, print, printJson } from "./io";

const USAGE = `usage: flywheel eval <snapshot-id|domain-slug> --agent builtin:<checkpoint>|openai:<model>|trl:<dir>|oracle|hack
       [--trials K] [--split ${EVAL_SPLITS.join("|")}] [--user ${USER_MODES.join("|")}] [--max-turns N] [--concurrency N] [--run-id N] [--label TEXT] [--json]`;

function oneOf<T extends string>(raw: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (raw !== undefined && !(allowed as readonly string[]).includes(raw)) throw new Error(`unknown --${flag} "${raw}" (one of ${allowed.join(", ")})`);
  return raw as T | undefined;
}

function count(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

/**
 * Runs an evaluation in this process (no job runner needed) and stores it like the panel's: a
 * number is a snapshot id, anything else a domain slug (its verified cases, split on the spot).
 */
export const evalCommand: Command = {
  async run(argv) {
    const { positionals, values } = args(argv, {
      agent: { type: "string" }, trials: { type: "string" }, split: { type: "string" }, user: { type: "string" },
      "max-turns": { type: "string" }, concurrency: { type: "string" }, "run-id": { type: "string" }, label: { type: "string" },
    });
    const target = positionals[0];
    if (!target || !values.agent) throw new Error(USAGE);
    const db = studioDb();
    const dataset = /^\d+$/.test(target) ? { kind: "snapshot" as const, snapshotId: Number(target) } : { kind: "domain" as const, domainSlug: target };
    const { eval: row, cases } = prepareEval({
      db,
      createdBy: "cli",
      request: {
        agent: values.agent, dataset, split: oneOf(values.split, "split", EVAL_SPLITS), user: oneOf(values.user, "user", USER_MODES), trials: count(values.trials, "trials"),
        maxTurns: count(values["max-turns"], "max-turns"), runId: count(values["run-id"], "run-id"), label: values.label,
      },
    });
    const total = cases * row.trials;
    let done = 0;
    const progress = process.stderr.isTTY && !values.json ? () => process.stderr.write(`\r${++done}/${total} trials`) : undefined;
    const summary = await executeEval({ db, evalId: row.id, concurrency: count(values.concurrency, "concurrency"), onResult: progress && (() => void progress()) });
    if (progress) process.stderr.write("\n");
    if (values.json) printJson(summary);
    else print(`${formatSummary(summary)}\n\nstored as evaluation ${row.id}`);
    return 0;
  },
};
