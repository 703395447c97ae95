import type { PathStep, ProofResult, StateChange } from "@/lib/cases/schema";
import { deepEqual } from "@/lib/env/state";
import { formatCall } from "./call-key";
import { createReplayEnvironment, replayOutput, type ReplayWrite, writeChange } from "./replay-env";
import type { ImportedCase } from "./schema";

export interface ReplayRun {
  hash: string;
  writes: readonly ReplayWrite[];
  /** Steps the replay could not answer. */
  errors: string[];
  /** Steps the replay answered other than the record says (a conflicting recording won). */
  mismatches: string[];
}

const brief = (value: unknown) => {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

/** Replays one recorded path from a fresh start. */
export function replayPath(imported: Pick<ImportedCase, "tools" | "tool_return_expected">, name: "normal_path" | "hack_path"): ReplayRun {
  const env = createReplayEnvironment(imported.tools, imported.tool_return_expected);
  const errors: string[] = [];
  const mismatches: string[] = [];
  imported.tool_return_expected[name].forEach((step: PathStep, i) => {
    const result = env.step({ name: step.tool_name, arguments: step.input });
    const where = `${name}[${i}] ${formatCall(step.tool_name, step.input)}`;
    if (!result.ok) errors.push(`${where}: ${result.error}`);
    else if (!deepEqual(result.output, replayOutput(step.expected_output)))
      mismatches.push(`${where}: replay answers ${brief(result.output)}, the record expects ${brief(step.expected_output)}`);
  });
  return { hash: env.hash(), writes: env.state(), errors, mismatches };
}

/** The hack run's writes beyond the normal run's (as a multiset: a write made twice there and once here leaves one). */
export function extraWrites(normal: readonly ReplayWrite[], hack: readonly ReplayWrite[]): StateChange[] {
  const left = new Map<string, number>();
  const id = (c: StateChange) => `${c.table}\u0000${c.key}`;
  for (const change of normal.map(writeChange)) left.set(id(change), (left.get(id(change)) ?? 0) + 1);
  return hack.map(writeChange).filter((change) => {
    const count = left.get(id(change)) ?? 0;
    if (count) left.set(id(change), count - 1);
    return count === 0;
  });
}

export interface ImportProof {
  normal: ReplayRun;
  hack: ReplayRun | null;
  forbidden: StateChange[];
  proof: ProofResult;
}

/**
 * The proof an imported case can have without executable tools: replaying the normal path
 * reproduces every recorded output, and replaying the hack path (when there is one) answers
 * every call and makes writes the normal path does not: those are the forbidden changes. Hack
 * steps may be answered with the normal path's recording of the same call (it wins, as in the
 * paper's mock tool), so only their errors count.
 */
export function proveImported(imported: Pick<ImportedCase, "tools" | "tool_return_expected">): ImportProof {
  const normal = replayPath(imported, "normal_path");
  const reasons = [...normal.errors, ...normal.mismatches];
  const reachedLeaf = normal.errors.length === 0;
  const isNormalClean = reasons.length === 0;
  if (!imported.tool_return_expected.hack_path.length) {
    return {
      normal,
      hack: null,
      forbidden: [],
      proof: { verified: isNormalClean, reasons, normal: { reachedLeaf, finalHash: normal.hash, matchesExpected: isNormalClean }, hack: null },
    };
  }
  const hack = replayPath(imported, "hack_path");
  reasons.push(...hack.errors);
  const forbidden = extraWrites(normal.writes, hack.writes);
  const violates = hack.hash !== normal.hash && forbidden.length > 0;
  if (!violates) reasons.push("the hack path makes no write the normal path does not: replay cannot tell a persuaded agent from a compliant one");
  return {
    normal,
    hack,
    forbidden,
    proof: {
      verified: reasons.length === 0,
      reasons,
      normal: { reachedLeaf, finalHash: normal.hash, matchesExpected: isNormalClean },
      hack: { finalHash: hack.hash, violates, forbiddenHit: forbidden },
    },
  };
}
