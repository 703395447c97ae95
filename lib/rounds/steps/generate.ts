import { getDomainBySlug, listTreesOfDomain } from "@/db/queries/domains";
import { storeGeneratedCase } from "@/db/queries/generated-cases";
import { listPersonas } from "@/db/queries/personas";
import { setDomainResult } from "@/db/queries/rounds";
import type { Db } from "@/db/client";
import { generateCase } from "@/lib/generate/generate-case";
import type { GenerateInput } from "@/lib/generate/schema";
import { enumerateBranches } from "@/lib/tree/branches";
import type { StepContext, StepOutcome } from "../context";
import { inputRows, inputsOf } from "../context";
import type { FailureMap } from "../failure-map";
import { branchKey, planGrowth, type GrowthContext, type GrowthItem } from "../growth";
import type { GeneratedRecord } from "../records";
import type { RoundRow } from "@/db/queries/rounds";
import { proposeAtWeakNodes } from "./propose";

/** What planning needs to know about a domain: the round's cases per branch, personas, trees. */
export function growthContext(db: Db, round: RoundRow, domain: string): GrowthContext {
  const rows = inputRows(db, round, domain);
  const existing = new Map<string, string[]>();
  const caseRevisions = new Map<string, number>();
  const heldOut = new Set<string>();
  for (const r of rows) {
    const b = r.testCase.branch;
    const key = branchKey(b.treeId, b.branchId);
    if (r.split === "validation") heldOut.add(key);
    existing.set(key, [...(existing.get(key) ?? []), r.testCase.persona]);
    if (b.revision !== null) caseRevisions.set(key, b.revision);
  }
  const domainRow = getDomainBySlug({ db, slug: domain });
  const trees = new Map(listTreesOfDomain({ db, domainId: domainRow.id }).map((t) => [t.id, { revision: t.revision, branchIds: new Set(enumerateBranches(t.document).map((b) => b.id)) }]));
  return { existing, library: listPersonas({ db }).map((p) => ({ id: p.id, persona: p.persona })), trees, caseRevisions, heldOut };
}

/** The generation input of one planned item (the deterministic generator unless the project turned the writer on). */
export const itemInput = (domain: string, item: GrowthItem, seed: number, useLlm: boolean): GenerateInput => ({
  domainSlug: domain, treeId: item.treeId, branchIds: [item.branchId], casesPerBranch: 1, personaSample: { count: 1, seed }, useLlm,
});

/**
 * Generate: for each domain, plans new cases on the branches that failed at the weakest nodes
 * (other personas, new synthesizer seeds: other databases and user facts), synthesizes, proves
 * and stores each one under this step's job and the item's index (a resumed step finds what it
 * stored), and asks the tree expander for new sub-branches at those nodes when it can.
 */
export async function generateStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  const round = ctx.round();
  const inputs = inputsOf(round);
  const parts: string[] = [];
  for (const snap of inputs.snapshots) {
    const map = round.results.mine?.[snap.domain]?.failures as FailureMap | undefined;
    if (!map) throw new Error(`Round ${round.number} has no mined failures for ${snap.domain}: run the mine step first.`);
    const done = ctx.round().results.generated?.[snap.domain];
    if (done?.caseIds.length || (done && !done.plan.length)) continue;
    const { items } = done ? { items: done.plan } : planGrowth(map, growthContext(db, round, snap.domain), project.settings.growth, inputs.seed);
    const jobId = done?.jobId ?? ctx.jobId;
    const record: GeneratedRecord = { jobId, seed: inputs.seed, plan: items, caseIds: [], made: [], failed: [], proposals: done?.proposals ?? [] };
    setDomainResult({ db, id: round.id, group: "generated", domain: snap.domain, value: record });
    for (const [idx, item] of items.entries()) {
      ctx.signal.throwIfAborted();
      try {
        const made = await generateCase({ db, input: itemInput(snap.domain, item, inputs.seed, project.settings.growth.useLlm), item: { branchId: item.branchId, personaId: item.personaId, k: item.k, revision: item.revision }, signal: ctx.signal });
        const stored = storeGeneratedCase({ db, item: { domainId: made.ctx.domainId, treeId: made.ctx.treeId, treeRevision: made.ctx.revision, testCase: made.testCase, generator: made.generator, personaId: made.personaId, jobId, idx } });
        record.caseIds.push(stored.id);
        record.made.push({ idx, caseId: stored.id });
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        record.failed.push({ idx, branchId: item.branchId, reason: (e as Error).message });
      }
    }
    if (!record.proposals.length) record.proposals = await proposeAtWeakNodes(db, map, project.settings.growth.propose);
    setDomainResult({ db, id: round.id, group: "generated", domain: snap.domain, value: record });
    parts.push(`${snap.domain}: ${record.caseIds.length} new case(s) on ${new Set(items.map((i) => i.branchId)).size} branch(es)${record.failed.length ? `, ${record.failed.length} failed` : ""}`);
  }
  return { status: "done", note: parts.join("; ") || "nothing to grow" };
}
