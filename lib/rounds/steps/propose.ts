import type { Db } from "@/db/client";
import { getTree } from "@/db/queries/trees";
import { happyPathSteps } from "@/lib/expand/happy-path";
import { EXPAND_KIND, isExpanderConfigured } from "@/lib/expand/job";
import { enqueueJob } from "@/lib/jobs/control";
import type { FailureMap, NodeFailureStat } from "../failure-map";
import { CATEGORY_LABELS, type FailureCategory } from "../failure-point";
import type { GeneratedRecord } from "../records";

const MAX_STEP = 500;
const MAX_STEPS = 40;

/** One workflow line naming a weak node and how the policy fails there. */
export function weakNodeStep(stat: NodeFailureStat): string {
  const how = (Object.entries(stat.categories) as [FailureCategory, number][]).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${CATEGORY_LABELS[c]} (${n})`).join(", ");
  const line = `Where "${stat.label}" (node ${stat.nodeId}) the agent fails ${stat.failures} of ${stat.trials} times (${how}): add sub-branches that make these situations explicit (what to check, what to ask, when to refuse or hand over).`;
  return line.length > MAX_STEP ? `${line.slice(0, MAX_STEP - 1)}…` : line;
}

/**
 * Asks the tree expander (an LLM, as a tree.expand job) for new sub-branches at each tree's weak
 * nodes: the workflow is the tree's happy path plus one line per weak node. The proposal comes
 * back as the job's result and is shown to the curator as a diff; nothing changes the tree until
 * they accept it. Without a configured provider it says so (the deterministic path only grows cases).
 */
export async function proposeAtWeakNodes(db: Db, map: FailureMap, isWanted: boolean): Promise<GeneratedRecord["proposals"]> {
  const trees = [...new Set(map.weak.map((w) => w.treeId).filter((t): t is number => t !== null))];
  if (!trees.length) return [];
  if (!isWanted) return trees.map((treeId) => ({ treeId, jobId: null, steps: [], note: "proposals are off for this project" }));
  if (!isExpanderConfigured(db)) return trees.map((treeId) => ({ treeId, jobId: null, steps: [], note: "no LLM provider is configured for the expander: the deterministic path grows cases only" }));
  const out: GeneratedRecord["proposals"] = [];
  for (const treeId of trees) {
    const stats = map.weak.filter((w) => w.treeId === treeId).map((w) => map.nodes.find((n) => n.treeId === treeId && n.nodeId === w.nodeId)!).filter(Boolean);
    const steps = [...happyPathSteps(getTree({ db, id: treeId }).document), ...stats.map(weakNodeStep)].slice(0, MAX_STEPS);
    try {
      const job = await enqueueJob({ db, kind: EXPAND_KIND, input: { treeId, steps } });
      out.push({ treeId, jobId: job.id, steps, note: `expander job ${job.id}` });
    } catch (e) {
      out.push({ treeId, jobId: null, steps, note: `the expander could not start: ${(e as Error).message}` });
    }
  }
  return out;
}
