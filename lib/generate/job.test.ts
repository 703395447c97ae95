import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { studioDb } from "@/db";
import { getCase } from "@/db/queries/cases";
import { listTreesOfDomain, getDomainBySlug } from "@/db/queries/domains";
import { listJobItems } from "@/db/queries/jobs";
import { saveLlmSettings } from "@/db/queries/settings";
import { enqueueJob, getJobProgress, JobRunner } from "@/lib/jobs";
import { replies, startOpenAiDouble, type DoubleRequest, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { reply as sensibleRewrite } from "@/lib/llm/testing/scenarios/case-rewrite";
import { samplePersonas, SEED_PERSONAS } from "@/lib/persona";
import { enumerateBranches } from "@/lib/tree/branches";
import type { GenerateInput, GenerateItem, GenerateResult } from "./schema";
import "./job";

// The job end to end in-process: a temp database seeded with the clinic domain and the persona
// library, a JobRunner, and the writer answered by the loopback OpenAI double over real HTTP.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "generate-job-"));
process.env.FLYWHEEL_DB = path.join(dir, "flywheel.db");
for (const k of Object.keys(process.env)) if (k.startsWith("FLYWHEEL_LLM_")) delete process.env[k];

const poisoned = samplePersonas(SEED_PERSONAS, { count: 4, seed: 11 })[0];
let double: OpenAiDouble;
let input: GenerateInput;

/** For one persona the writer drops every detail, each time (the traceability re-check must fail it). */
function writer(request: DoubleRequest) {
  const ok = sensibleRewrite(request);
  if (!JSON.stringify(request.body.messages).includes(poisoned.persona)) return ok;
  return replies.json({ ...JSON.parse((ok as { content: string }).content), task: "hi, can you help me with my appointment", user_background: "I'm in a hurry." });
}

const run = async (jobInput: unknown) => {
  const db = studioDb();
  const job = await enqueueJob({ db, kind: "cases.generate", input: jobInput });
  await new JobRunner({ db, kinds: ["cases.generate"], pollMs: 20 }).runUntilIdle();
  return { job, progress: getJobProgress({ db, id: job.id }), items: listJobItems({ db, jobId: job.id }) };
};

beforeAll(async () => {
  double = await startOpenAiDouble({ handler: writer });
  const db = studioDb();
  saveLlmSettings({ db, next: { baseUrl: double.url, defaultModel: "test-model", maxAttempts: 2, retryBaseDelayMs: 1, prices: { "test-model": { input: 2, output: 10 } } } });
  const domain = getDomainBySlug({ db, slug: "clinic-appointments" });
  const tree = listTreesOfDomain({ db, domainId: domain.id })[0];
  const branches = enumerateBranches(tree.document);
  // a refusal, a clarification and a legal change, each passing tool inputs the user must state
  const pick = (outcome: string, label: RegExp) => branches.find((b) => b.outcome === outcome && label.test(b.labels.join(" ")))!.id;
  input = {
    domainSlug: "clinic-appointments", treeId: tree.id, casesPerBranch: 2, useLlm: true, personaSample: { count: 4, seed: 11 },
    branchIds: [pick("refuse", /No upcoming appointment/), pick("clarify", /Details match no patient/), pick("execute", /Cancelled without a fee/)],
  };
});
afterAll(async () => {
  await double.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("cases.generate", () => {
  it("stores one case per item, records failed items with their reasons, and reports usage", async () => {
    const { progress, items } = await run(input);
    expect(items).toHaveLength(6);
    const personaOf = (i: (typeof items)[number]) => (i.input as GenerateItem).personaId;
    const bad = items.filter((i) => personaOf(i) === poisoned.id);
    expect(bad.length).toBeGreaterThan(0);
    expect(progress).toMatchObject({ status: "succeeded", total: 6, done: 6 - bad.length, failed: bad.length });
    // each (branch, k) pair gets a different persona from the sample
    expect(new Set(items.map((i) => `${(i.input as GenerateItem).branchId}|${personaOf(i)}`)).size).toBe(6);

    const db = studioDb();
    for (const item of items) {
      if (personaOf(item) === poisoned.id) {
        expect(item.status).toBe("failed");
        expect(item.error).toMatch(/: the rewrite failed its re-checks \(after a repair round\): the user fact patient_email .* is in neither the task nor user_background/);
        continue;
      }
      expect(item.status).toBe("done");
      const result = item.result as GenerateResult;
      expect(result).toMatchObject({ verified: true, generator: "llm:test-model", personaId: personaOf(item) });
      const row = getCase({ db, id: result.caseId });
      expect(row).toMatchObject({ generator: "llm:test-model", personaId: personaOf(item), status: "verified" });
      expect(String(row.data.task)).toMatch(/^So, I'm /);
      expect(row.data.persona).toBe(SEED_PERSONAS.find((p) => p.id === personaOf(item))!.persona);
    }
    expect(progress.usage.promptTokens).toBeGreaterThan(0);
    expect(progress.usage.cost).toBeGreaterThan(0);
  });

  it("a second run of the same job is answered from the SQLite cache: zero HTTP calls, zero cost", async () => {
    const before = double.chatRequests().length;
    const { progress } = await run(input);
    expect(double.chatRequests()).toHaveLength(before);
    expect(progress.usage).toEqual({ promptTokens: 0, completionTokens: 0, cost: 0 });
    expect(progress.done + progress.failed).toBe(6);
  });

  it("runs the deterministic generator without any provider", async () => {
    const before = double.chatRequests().length;
    const { progress, items } = await run({ ...input, useLlm: false, casesPerBranch: 1 });
    expect(progress).toMatchObject({ status: "succeeded", done: 3, failed: 0 });
    expect(items.map((i) => (i.result as GenerateResult).generator)).toEqual(["deterministic", "deterministic", "deterministic"]);
    expect(double.chatRequests()).toHaveLength(before);
  });

  it("refuses to enqueue what cannot run, saying why", async () => {
    const db = studioDb();
    await expect(enqueueJob({ db, kind: "cases.generate", input: { ...input, branchIds: ["nope"] } })).rejects.toThrow(/no branch "nope"/);
    await expect(enqueueJob({ db, kind: "cases.generate", input: { ...input, casesPerBranch: 0 } })).rejects.toThrow(/casesPerBranch/);
    saveLlmSettings({ db, next: {} });
    await expect(enqueueJob({ db, kind: "cases.generate", input })).rejects.toThrow(/not configured: missing a base URL: set FLYWHEEL_LLM_BASE_URL .*; a model for the writer role/);
    saveLlmSettings({ db, next: { baseUrl: double.url, defaultModel: "test-model" } });
  });
});
