import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { replies, startOpenAiDouble, type OpenAiDouble } from "./openai-double";

let double: OpenAiDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("OpenAI-compatible test double", () => {
  it("answers in the chat-completions wire format and records the request", async () => {
    double = await startOpenAiDouble({ script: [replies.toolCall("get_order", { id: 1 }, "Looking it up.")] });
    const res = await post(double.url, { model: "m", messages: [{ role: "user", content: "hi" }] });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/), object: "chat.completion", model: "m",
      choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant", content: "Looking it up.", tool_calls: [{ type: "function", function: { name: "get_order", arguments: '{"id":1}' } }] } }],
    });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(double.chatRequests()).toHaveLength(1);
    expect(double.requests[0].body.messages[0].content).toBe("hi");
  });

  it("sends OpenAI error bodies and headers for scripted failures", async () => {
    double = await startOpenAiDouble({ script: [replies.rateLimited({ afterSeconds: 2 })] });
    const res = await post(double.url, { model: "m", messages: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({ error: { message: "Rate limit reached for requests", type: "rate_limit_exceeded", code: "rate_limit_exceeded" } });
  });

  it("rejects malformed requests like a real server, and lists models", async () => {
    double = await startOpenAiDouble({ models: ["a", "b"] });
    const bad = await post(double.url, { messages: [] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.type).toBe("invalid_request_error");
    const models = await (await fetch(`${double.url}/models`)).json();
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(["a", "b"]);
  });

  it("uses the handler once the script is empty, and applies latency", async () => {
    double = await startOpenAiDouble({ script: [replies.text("first")], handler: (req) => replies.text(`echo ${req.body.messages.length}`), latencyMs: 30 });
    const t0 = performance.now();
    const a = await (await post(double.url, { model: "m", messages: [] })).json();
    const b = await (await post(double.url, { model: "m", messages: [{ role: "user", content: "x" }] })).json();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(59);
    expect([a.choices[0].message.content, b.choices[0].message.content]).toEqual(["first", "echo 1"]);
  });

  it("closes promptly even with a hung request open", async () => {
    double = await startOpenAiDouble({ script: [replies.hang()] });
    const pending = post(double.url, { model: "m", messages: [] }).catch((e: Error) => e);
    while (double.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
    await double.close();
    double = undefined;
    expect(await pending).toBeInstanceOf(Error);
  });

  it("runs standalone with a canned reply", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/llm/testing/openai-double.ts", "--port", "0", "--reply", "canned!"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          const m = /listening on (\S+)/.exec(d.toString());
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`double exited with ${code}`)));
      });
      const body = await (await post(url, { model: "m", messages: [] })).json();
      expect(body.choices[0].message.content).toBe("canned!");
    } finally {
      child.kill("SIGTERM");
    }
  });
});
