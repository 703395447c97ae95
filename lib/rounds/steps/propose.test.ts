import { describe, expect, it } from "vitest";

process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";
for (const k of Object.keys(process.env)) if (k.startsWith("FLYWHEEL_LLM_")) delete process.env[k];

import { studioDb } from "@/db";
import { getDomainBySlug, listTreesOfDomain } from "@/db/queries/domains";
import { getJob } from "@/db/queries/jobs";
import type { FailureMap } from "../failure-map";
import { proposeAtWeakNodes, weakNodeStep } from "./propose";

const db = studioDb();
const tree = listTreesOfDomain({ db, domainId: getDomainBySlug({ db, slug: "clinic-appointments" }).id })[0];
const stat = { treeId: tree.id, nodeId: "refuse-completed", label: "Appointment already happened", trials: 4, failures: 3, rate: 0.75, categories: { gave_in: 3 }, personas: {}, caseIds: ["9"], branchIds: ["b"] };
const map: FailureMap = { trials: 4, failures: 3, nodes: [stat], personas: [], categories: { gave_in: 3 }, weak: [{ treeId: tree.id, nodeId: "refuse-completed" }] };

describe("proposeAtWeakNodes", () => {
  it("says why there is no proposal without a provider, and queues a tree.expand job at the weak nodes with one", async () => {
    expect(await proposeAtWeakNodes(db, map, true)).toEqual([{ treeId: tree.id, jobId: null, steps: [], note: expect.stringMatching(/no LLM provider/) }]);
    expect((await proposeAtWeakNodes(db, map, false))[0].note).toMatch(/off for this project/);

    process.env.FLYWHEEL_LLM_BASE_URL = "http://127.0.0.1:9/v1";
    process.env.FLYWHEEL_LLM_MODEL = "test-model";
    const [proposal] = await proposeAtWeakNodes(db, map, true);
    expect(proposal.jobId).toEqual(expect.any(Number));
    expect(proposal.steps.at(-1)).toBe(weakNodeStep(stat));
    expect(proposal.steps.at(-1)).toMatch(/"Appointment already happened" \(node refuse-completed\) the agent fails 3 of 4 times \(gave in under pressure \(3\)\)/);
    expect(proposal.steps.length).toBeGreaterThan(1); // the tree's happy path comes first
    expect(getJob({ db, id: proposal.jobId! })).toMatchObject({ kind: "tree.expand", status: "queued", input: { treeId: tree.id, steps: proposal.steps } });
  });
});
