import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLlmClient } from "./client";
import { StructuredOutputError } from "./errors";
import { extractJson } from "./json-extract";
import { chatStructured } from "./structured";
import { replies, startOpenAiDouble, type OpenAiDouble } from "./testing/openai-double";
import { doubleConfig } from "./testing/fixtures";

const Plan = z.object({ title: z.string(), steps: z.array(z.string()).min(1) });
const messages = [{ role: "system" as const, content: "You plan." }, { role: "user" as const, content: "Plan a refund." }];
const good = { title: "Refund", steps: ["find order", "refund"] };

let double: OpenAiDouble;
beforeEach(async () => {
  double = await startOpenAiDouble();
});
afterEach(async () => {
  await double.close();
});

describe("chatStructured", () => {
  it("returns the validated value on a good first answer, asking with json_schema", async () => {
    double.enqueue(replies.json(good));
    const client = createLlmClient(doubleConfig(double.url));
    const result = await chatStructured(client, { role: "expander", messages, schema: Plan, name: "plan" });
    expect(result).toMatchObject({ value: good, attempts: 1 });
    expect(result.calls).toHaveLength(1);
    const body = double.chatRequests()[0].body;
    expect(body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "plan", schema: { type: "object", required: ["title", "steps"] } } });
    expect(body.messages[0]).toEqual({ role: "system", content: "You plan.\n\nReply with the JSON object only." });
  });

  it("repairs broken JSON once, showing the model its output and the error", async () => {
    double.enqueue(replies.malformedJson(), replies.json(good));
    const client = createLlmClient(doubleConfig(double.url));
    const result = await chatStructured(client, { role: "expander", messages, schema: Plan, name: "plan" });
    expect(result).toMatchObject({ value: good, attempts: 2 });

    const repair = double.chatRequests()[1].body.messages;
    expect(repair.at(-2)).toEqual({ role: "assistant", content: '{"title": "unterminated' });
    expect(repair.at(-1).role).toBe("user");
    expect(repair.at(-1).content).toMatch(/not valid JSON \(.+\)/);
  });

  it("puts the zod messages, with their paths, into the repair turn", async () => {
    double.enqueue(replies.json({ title: 5, steps: [] }), replies.json(good));
    const client = createLlmClient(doubleConfig(double.url));
    await chatStructured(client, { role: "expander", messages, schema: Plan, name: "plan" });
    const repairText = double.chatRequests()[1].body.messages.at(-1).content as string;
    expect(repairText).toContain("- title: Invalid input: expected string, received number");
    expect(repairText).toMatch(/- steps: Too small/);
  });

  it("records a failure after two bad answers, with the raw output and the messages", async () => {
    double.enqueue(replies.malformedJson(), replies.json({ title: "no steps" }));
    const client = createLlmClient(doubleConfig(double.url));
    const error = await chatStructured(client, { role: "expander", messages, schema: Plan, name: "plan" }).catch((e) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect(error.raw).toBe('{"title":"no steps"}');
    expect(error.issues).toEqual(["steps: Invalid input: expected array, received undefined"]);
    expect(error.attempts).toBe(2);
    expect(double.chatRequests()).toHaveLength(2);
  });

  it("in json_object mode sends the schema in the prompt", async () => {
    double.enqueue(replies.text("Sure! ```json\n" + JSON.stringify(good) + "\n``` Hope that helps."));
    const client = createLlmClient(doubleConfig(double.url, { structuredMode: "json_object" }));
    const result = await chatStructured(client, { role: "expander", messages: messages.slice(1), schema: Plan, name: "plan" });
    expect(result.value).toEqual(good);
    const body = double.chatRequests()[0].body;
    expect(body.response_format).toEqual({ type: "json_object" });
    expect(body.messages[0].role).toBe("system");
    expect(body.messages[0].content).toContain('"required":["title","steps"]');
  });

  it("in prompt mode sends no response_format at all", async () => {
    double.enqueue(replies.json(good));
    const client = createLlmClient(doubleConfig(double.url));
    await chatStructured(client, { role: "expander", messages, schema: Plan, name: "plan", mode: "prompt" });
    expect(double.chatRequests()[0].body.response_format).toBeUndefined();
  });
});

describe("extractJson", () => {
  it.each([
    ["plain", '{"a":1}', { a: 1 }],
    ["fenced", 'Here:\n```json\n{"a":1}\n```', { a: 1 }],
    ["prose around", 'The answer is {"a": {"b": "}"}} as requested.', { a: { b: "}" } }],
    ["think block", '<think>maybe {"a":0}</think>\n{"a":2}', { a: 2 }],
    ["array", "list: [1, 2]", [1, 2]],
  ])("%s", (_label, text, expected) => {
    expect(extractJson(text)).toEqual({ ok: true, value: expected });
  });

  it("reports why nothing parsed", () => {
    const result = extractJson('{"title": "unterminated');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/JSON/);
    expect(extractJson("  ")).toEqual({ ok: false, error: "the reply was empty" });
  });
});
