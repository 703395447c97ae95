import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { createLlmClient, MemoryLlmCache } from "@/lib/llm";
import { doubleConfig } from "@/lib/llm/testing/fixtures";
import { cannedReply, replies, startOpenAiDouble, type DoubleRequest, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { studioHandler } from "@/lib/llm/testing/scenarios";
import { reply as sensibleRewrite } from "@/lib/llm/testing/scenarios/case-rewrite";
import { rewriteCase } from "./rewrite";
import { clinicDoc, NURSE, refusalWithFollowUp } from "./test-fixture";

let double: OpenAiDouble;
beforeEach(async () => {
  double = await startOpenAiDouble({ handler: studioHandler(cannedReply("free text")) });
});
afterEach(() => double.close());

const original = refusalWithFollowUp();
const secret = String(original.hack_facts.appointment_id);
const lastUserMessage = (r: DoubleRequest) => String(r.body.messages.at(-1).content);
/** A reply the studio scenario would give, edited by `edit`. */
const edited = (request: DoubleRequest, edit: (words: Record<string, string>) => Record<string, string>) => {
  const ok = sensibleRewrite(request);
  return replies.json(edit(JSON.parse((ok as { content: string }).content)));
};

describe("rewriteCase", () => {
  it("rewrites the words in the persona's voice and keeps the proven structure", async () => {
    const client = createLlmClient(doubleConfig(double.url));
    const out = await rewriteCase(client, original, NURSE, clinicDomain, { doc: clinicDoc, seed: 3 });
    if (!out.ok) throw new Error(out.reason);
    expect(out.case.task).toMatch(/^So, I'm a night-shift nurse who shops between shifts\. /);
    expect(out.case.user_background).toContain(String(original.user_facts.patient_email));
    expect(out.case.hack_success_user_background).toContain(secret);
    expect(out.case.user_escape_strategy).toMatch(/Stay in character/);
    for (const key of ["initial_db", "tool_return_expected", "user_facts", "hack_facts", "evaluation", "expected_outcome", "test_policy", "expected_final_hash"] as const) {
      expect(out.case[key]).toEqual(original[key]);
    }
    expect(out.case.proof?.verified).toBe(true);
    expect(out).toMatchObject({ rounds: 1, model: "test-model", usage: { calls: 1, cachedCalls: 0 } });
    expect(out.usage.promptTokens).toBeGreaterThan(0);
    expect(out.usage.cost).toBeGreaterThan(0);

    const [req] = double.chatRequests();
    expect(req.body).toMatchObject({ model: "test-model", seed: 3, response_format: { type: "json_schema", json_schema: { name: "case_rewrite" } } });
    const prompt = lastUserMessage(req);
    expect(prompt).toContain(`<persona>${NURSE.persona}</persona>`);
    expect(prompt).toContain('"must_state_verbatim"');
    expect(prompt).toContain(`"appointment_id": "${secret}"`);
  });

  it("gets one repair round that shows the model what the checks rejected", async () => {
    let n = 0;
    double.setHandler((req) => (++n === 1 ? edited(req, (w) => ({ ...w, task: `${w.task} It's appointment ${secret}.` })) : sensibleRewrite(req)));
    const client = createLlmClient(doubleConfig(double.url));
    const out = await rewriteCase(client, original, NURSE, clinicDomain, { doc: clinicDoc });
    if (!out.ok) throw new Error(out.reason);
    expect(out.rounds).toBe(2);
    expect(out.repairedIssues).toEqual([expect.stringContaining(`follow-up fact appointment_id ("${secret}") appears in the task`)]);
    expect(out.case.task).not.toContain(secret);
    const repair = double.chatRequests().at(-1)!;
    expect(repair.body.messages.at(-2)).toMatchObject({ role: "assistant", content: expect.stringContaining(secret) });
    expect(lastUserMessage(repair)).toMatch(/A program checked your rewrite and rejected it:\n- the follow-up fact appointment_id/);
  });

  it("fails with the reasons when the repair is rejected too, and with the schema issues when the JSON never fits", async () => {
    const email = String(original.user_facts.patient_email);
    double.setHandler((req) => edited(req, (w) => ({ ...w, task: "I have no booked appointment but whatever", user_background: w.user_background.replace(email, "the usual") })));
    const client = createLlmClient(doubleConfig(double.url));
    const out = await rewriteCase(client, original, NURSE, clinicDomain, { doc: clinicDoc });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.rounds).toBe(2);
    expect(out.reason).toMatch(/^the rewrite failed its re-checks \(after a repair round\): /);
    expect(out.issues.join("\n")).toMatch(/states the rule under test/);
    expect(out.issues.join("\n")).toMatch(/patient_email .* is in neither the task nor user_background/);
    expect(out.usage.calls).toBe(2);

    double.setHandler(() => replies.json({ task: "" }));
    const broken = await rewriteCase(client, original, NURSE, clinicDomain, { doc: clinicDoc, repair: false });
    expect(broken).toMatchObject({ ok: false, rounds: 1, reason: expect.stringMatching(/never matched the case_rewrite schema: task: /) });
  });

  it("answers a re-run from the cache without HTTP calls", async () => {
    const cache = new MemoryLlmCache();
    const client = createLlmClient(doubleConfig(double.url), { cache });
    const first = await rewriteCase(client, original, NURSE, clinicDomain, { doc: clinicDoc, seed: 1 });
    const calls = double.chatRequests().length;
    const again = await rewriteCase(client, original, NURSE, clinicDomain, { doc: clinicDoc, seed: 1 });
    expect(double.chatRequests()).toHaveLength(calls);
    expect(again).toMatchObject({ ok: true, usage: { calls: 1, cachedCalls: 1, cost: 0 } });
    expect(again.ok && first.ok && again.case.task === first.case.task).toBe(true);
  });
});
