import type { Database, DomainSpec } from "@/lib/domain/schema";
import { evalCel } from "@/lib/cel";
import type { TreeRun } from "@/lib/env";
import { isLeafKind, type TreeDoc } from "@/lib/tree/schema";
import { holds, orderedCredit, partialCredit } from "./credit";
import { makeStepper, type Stepper } from "./stepper";

/** What the search varies: the starting database and the facts the user gives. */
export interface Candidate {
  user: Record<string, unknown>;
  db: Database;
}

/** A path to follow: node ids root first, and the answer given at each confirm node on it. */
export interface PathGoal {
  nodeIds: string[];
  confirm: Record<string, boolean>;
}

export interface GuardMiss {
  nodeId: string;
  guard: string;
  /** true: the wanted child's guard did not hold; false: an earlier sibling's guard held. */
  shouldHold: boolean;
}

/** Where and why a walk left the path. */
export interface Divergence {
  nodeId: string;
  wantedId?: string;
  misses: GuardMiss[];
  /** A binding or structural problem (no guard was at fault). */
  problem?: string;
  /** Every expression that decided this step: the guards up to the wanted child, or the bindings. */
  exprs: string[];
}

export interface PathTrace {
  /** Nodes fully passed, plus a fraction for how close the divergent step came; = length when complete. */
  progress: number;
  complete: boolean;
  divergence?: Divergence;
  calls: TreeRun["calls"];
  /** Write tools on the path that returned an error. */
  failedWrites: { nodeId: string; tool: string; error: string }[];
  outputs: Record<string, unknown>;
  finalDb: Database;
  /** Soft walks only: summed credit of every choice on the path (per choice: the share of its guards that agree). */
  guardCredit: number;
  /** Soft walks only: the first choice whose guards disagree with the path. */
  firstMiss?: Divergence;
}

const steppers = new WeakMap<object, Stepper>();
const stepperFor = (tools: DomainSpec["tools"]) => {
  let stepper = steppers.get(tools);
  if (!stepper) steppers.set(tools, (stepper = makeStepper(tools)));
  return stepper;
};


/**
 * Walks `goal.nodeIds` the way lib/env's interpreter would (first child whose guard holds, tools
 * really run, confirm answers pick children[0]/[1]) but stops where the interpreter would leave
 * the path, saying which guards were at fault. This graded signal is what the search climbs on;
 * a found candidate is always re-checked with the real runTree.
 * A soft walk goes on past guards that disagree (only a binding it cannot evaluate stops it) and
 * sums how well each choice's guards agree: how a persuaded agent's path is scored, where the
 * guards are ignored but the facts should still make sense for them.
 */
export function followPath(
  doc: TreeDoc,
  goal: PathGoal,
  domain: Pick<DomainSpec, "tools">,
  cand: Candidate,
  opts: { soft?: boolean } = {},
): PathTrace {
  const step = stepperFor(domain.tools);
  let db = cand.db;
  const writes = new Set(domain.tools.filter((t) => t.effect.kind === "write").map((t) => t.name));
  const outputs: Record<string, unknown> = {};
  const calls: PathTrace["calls"] = [];
  const failedWrites: PathTrace["failedWrites"] = [];
  const vars = () => ({ state: db, user: cand.user, outputs });
  let guardCredit = 0;
  let firstMiss: Divergence | undefined;
  const end = (progress: number, divergence?: Divergence): PathTrace => ({
    guardCredit,
    firstMiss,
    progress,
    complete: !divergence,
    divergence,
    calls,
    failedWrites,
    outputs,
    finalDb: db,
  });
  const ids = goal.nodeIds;

  for (let i = 0; i < ids.length; i++) {
    const node = doc.nodes[ids[i]];
    if (!node) return end(i, { nodeId: ids[i], misses: [], problem: `node ${ids[i]} does not exist`, exprs: [] });
    if (node.kind === "tool_call") {
      // As the interpreter: a call node without a tool of this domain cannot run.
      if (!node.tool || !domain.tools.some((t) => t.name === node.tool))
        return end(i, { nodeId: node.id, misses: [], problem: node.tool ? `tool ${node.tool} is not a tool of this domain` : `tool_call node ${node.id} names no tool`, exprs: [] });
      const args: Record<string, unknown> = {};
      for (const [param, expr] of Object.entries(node.args ?? {})) {
        try {
          args[param] = evalCel(expr, vars());
        } catch (e) {
          const problem = `argument ${param} (\`${expr}\`) of ${node.tool} does not evaluate: ${(e as Error).message}`;
          return end(i + 0.1, { nodeId: node.id, misses: [], problem, exprs: Object.values(node.args ?? {}) });
        }
      }
      const answer = step(db, { name: node.tool, arguments: args });
      const result = answer.result;
      db = answer.db;
      calls.push({ nodeId: node.id, name: node.tool, arguments: args, result });
      outputs[node.saveAs ?? node.tool] = result.ok ? result.output : { error: result.error };
      if (!result.ok && writes.has(node.tool)) failedWrites.push({ nodeId: node.id, tool: node.tool, error: result.error });
    }
    if (i === ids.length - 1) {
      if (isLeafKind(node.kind)) return end(ids.length);
      return end(i, { nodeId: node.id, misses: [], problem: `the path ends at ${node.id}, which is not a leaf`, exprs: [] });
    }
    const wanted = ids[i + 1];
    const children = node.children ?? [];
    if (node.kind === "confirm") {
      const answer = goal.confirm[node.id] ?? true;
      if (children[answer ? 0 : 1] !== wanted)
        return end(i + 0.1, { nodeId: node.id, wantedId: wanted, misses: [], problem: `answering ${answer} at ${node.id} does not lead to ${wanted}`, exprs: [] });
      continue;
    }
    const k = children.indexOf(wanted);
    if (k < 0) return end(i, { nodeId: node.id, wantedId: wanted, misses: [], problem: `${wanted} is not a child of ${node.id}`, exprs: [] });
    const v = vars();
    const misses: GuardMiss[] = [];
    const exprs: string[] = [];
    const credit: number[] = [];
    for (let j = 0; j <= k; j++) {
      const child = doc.nodes[children[j]];
      const guard = child?.guard;
      if (guard) exprs.push(guard);
      const shouldHold = j === k;
      if (holds(guard, v) === shouldHold) credit.push(1);
      else {
        misses.push({ nodeId: children[j], guard: guard ?? "(no guard: always taken)", shouldHold });
        credit.push(partialCredit(guard, shouldHold, v));
      }
    }
    if (misses.length && !opts.soft) return end(i + 0.2 + 0.7 * orderedCredit(credit), { nodeId: node.id, wantedId: wanted, misses, exprs });
    // Past a forced choice order means nothing: every guard that agrees counts alike.
    guardCredit += credit.reduce((a, b) => a + b, 0) / credit.length;
    if (misses.length) firstMiss ??= { nodeId: node.id, wantedId: wanted, misses, exprs };
  }
  return end(ids.length);
}
