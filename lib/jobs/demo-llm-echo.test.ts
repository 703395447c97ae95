import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { getJob, listJobItems } from "@/db/queries/jobs";
import type { OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { completionsUrl } from "./demo-llm-echo";
import { enqueueJob } from "./control";
import { getJobProgress } from "./progress";
import { JobRunner } from "./runner";
import { startEchoDouble } from "./testing/echo-double";

describe("demo.llm-echo", () => {
  let db: Db;
  let double: OpenAiDouble;
  beforeEach(async () => {
    db = openDb(":memory:");
    double = await startEchoDouble({ latencyMs: 5, isFailure: (p) => p.endsWith("#4") });
  });
  afterEach(() => double.close());

  it("posts each prompt to the endpoint and records the reply, tokens and cost; a refused item keeps its HTTP error", async () => {
    const input = { baseUrl: double.url, model: "echo-1", count: 6, prompt: "hi", price: { promptPerMTok: 2, completionPerMTok: 10 } };
    const job = await enqueueJob({ db, kind: "demo.llm-echo", input });
    await new JobRunner({ db, kinds: ["demo.llm-echo"], pollMs: 20 }).runUntilIdle();

    expect(double.chatRequests().map((r) => [r.body.model, r.body.messages])).toHaveLength(6);
    expect(double.chatRequests()[0].body).toMatchObject({ model: "echo-1", messages: [{ role: "user", content: expect.stringMatching(/^hi #\d$/) }] });
    const items = listJobItems({ db, jobId: job.id });
    const first = items[0];
    // "hi #0" is 5 prompt tokens; "echo: hi #0" 11 completion tokens.
    expect(first).toMatchObject({ status: "done", result: { text: "echo: hi #0" }, promptTokens: 5, completionTokens: 11 });
    expect(first.cost).toBeCloseTo((5 * 2 + 11 * 10) / 1e6, 12);
    expect(items[4]).toMatchObject({ status: "failed", result: null });
    expect(items[4].error).toMatch(/^HTTP 500 from echo-1: .*refused hi #4/);

    const p = getJobProgress({ db, id: job.id });
    expect(p).toMatchObject({ status: "succeeded", total: 6, done: 5, failed: 1, pending: 0, running: 0, etaSeconds: 0, errors: [{ idx: 4 }] });
    expect(p.usage.promptTokens).toBe(items.reduce((s, i) => s + i.promptTokens, 0));
    expect(p.usage.cost).toBeCloseTo(items.reduce((s, i) => s + i.cost, 0), 12);
    expect(getJob({ db, id: job.id }).input).toEqual(input);
  });

  it("rejects bad input naming the field, before anything is stored", async () => {
    await expect(enqueueJob({ db, kind: "demo.llm-echo", input: { baseUrl: "not a url", model: "m", count: 0 } })).rejects.toThrow(/baseUrl: .*; count: /);
    expect(double.requests).toHaveLength(0);
  });

  it("accepts a server root or a /v1 base", () => {
    expect(completionsUrl("http://h:1")).toBe("http://h:1/v1/chat/completions");
    expect(completionsUrl("http://h:1/v1/")).toBe("http://h:1/v1/chat/completions");
  });
});
