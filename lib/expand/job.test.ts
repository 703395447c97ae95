import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { studioDb } from "@/db";
import { getDomainBySlug, listTreesOfDomain } from "@/db/queries/domains";
import { listJobItems } from "@/db/queries/jobs";
import { saveLlmSettings } from "@/db/queries/settings";
import { enqueueJob, getJobProgress, JobRunner } from "@/lib/jobs";
import { cannedReply, replies, startOpenAiDouble, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { studioHandler } from "@/lib/llm/testing/scenarios";
import { enumerateBranches } from "@/lib/tree/branches";
import { EXPAND_KIND, isExpanderConfigured, type ExpandJobResult } from "./job";

// The job end to end in-process: a temp database seeded with the example domains, a JobRunner,
// and the expander answered by the loopback OpenAI double (its studio scenario) over real HTTP.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "expand-job-"));
process.env.FLYWHEEL_DB = path.join(dir, "flywheel.db");
for (const k of Object.keys(process.env)) if (k.startsWith("FLYWHEEL_LLM_")) delete process.env[k];

let double: OpenAiDouble;
let treeId: number;
const steps = ["Verify the patient", "Look up the appointment", "Cancel the appointment"];

const run = async (input: unknown) => {
  const db = studioDb();
  const job = await enqueueJob({ db, kind: EXPAND_KIND, input });
  await new JobRunner({ db, kinds: [EXPAND_KIND], pollMs: 20 }).runUntilIdle();
  return { progress: getJobProgress({ db, id: job.id }), items: listJobItems({ db, jobId: job.id }) };
};

beforeAll(async () => {
  double = await startOpenAiDouble({ handler: studioHandler(cannedReply("free text")) });
  const db = studioDb();
  const domain = getDomainBySlug({ db, slug: "clinic-appointments" });
  treeId = listTreesOfDomain({ db, domainId: domain.id })[0].id;
});
afterAll(async () => {
  await double.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("tree.expand", () => {
  it("refuses to enqueue without a configured provider, naming what to set", async () => {
    expect(isExpanderConfigured(studioDb())).toBe(false);
    await expect(enqueueJob({ db: studioDb(), kind: EXPAND_KIND, input: { treeId, steps } })).rejects.toThrow(/No LLM provider is configured for the expander/);
  });

  it("stores the proposal as the one item's result, with its usage", async () => {
    saveLlmSettings({ db: studioDb(), next: { baseUrl: double.url, defaultModel: "test-model", maxAttempts: 2, retryBaseDelayMs: 1, prices: { "test-model": { input: 2, output: 10 } } } });
    const { progress, items } = await run({ treeId, steps });
    expect(progress).toMatchObject({ status: "succeeded", total: 1, done: 1 });
    expect(progress.usage.promptTokens).toBeGreaterThan(0);
    expect(progress.usage.cost).toBeGreaterThan(0);
    const result = items[0].result as ExpandJobResult;
    expect(enumerateBranches(result.doc).length).toBeGreaterThanOrEqual(8);
    expect(result).toMatchObject({ rounds: 1, baseRevision: 1 });
    // The model saw the stored tree to extend.
    expect(double.chatRequests().at(-1)!.body.messages.at(-1).content).toContain("<current_tree>");
  });

  it("records a failed expansion with its reasons", async () => {
    double.enqueue(replies.text("no tree today"), replies.text("still no tree"));
    const { progress, items } = await run({ treeId, steps: ["Cancel the appointment"] });
    expect(progress).toMatchObject({ status: "failed", failed: 1 });
    expect(items[0].error).toMatch(/did not fit the tree format/);
  });
});
