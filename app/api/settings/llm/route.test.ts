import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { replies, startOpenAiDouble, type OpenAiDouble } from "@/lib/llm/testing/openai-double";

// Auth is not under test here: every request is an admin's.
vi.mock("@/app/api/_shared/auth", () => ({
  requireUser: async () => ({ id: "u1", email: "admin@example.com", role: "admin" }),
  requireRole: async () => ({ id: "u1", email: "admin@example.com", role: "admin" }),
}));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "settings-route-"));
process.env.FLYWHEEL_DB = path.join(dir, "flywheel.db");
for (const k of Object.keys(process.env)) if (k.startsWith("FLYWHEEL_LLM_")) delete process.env[k];

const KEY = "sk-very-secret-4242";
let double: OpenAiDouble;
const { GET, PUT } = await import("./route");
const { POST: TEST } = await import("./test/route");

const call = async (handler: (req: Request) => Promise<Response>, method: string, body?: unknown) => {
  const res = await handler(new Request("http://studio/api/settings/llm", { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }));
  const text = await res.text();
  expect(text).not.toContain(KEY);
  expect(text).not.toContain("very-secret");
  return { status: res.status, body: JSON.parse(text) };
};

beforeAll(async () => {
  double = await startOpenAiDouble({ handler: () => replies.text("ok") });
});
afterAll(async () => {
  await double.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("/api/settings/llm", () => {
  it("saves settings and never sends the key back; saving without a key keeps it", async () => {
    const settings = { baseUrl: double.url, defaultModel: "m-writer", roles: { judge: { model: "m-judge", temperature: 0 } }, maxConcurrency: 4, prices: { "m-writer": { input: 1, output: 2 } } };
    const saved = await call(PUT, "PUT", { settings, apiKey: KEY });
    expect(saved.status).toBe(200);
    expect(saved.body.stored).toMatchObject({ hasKey: true, defaultModel: "m-writer" });
    expect(saved.body.effective).toMatchObject({ hasKey: true, baseUrl: double.url, maxConcurrency: 4 });
    expect(saved.body.readiness.writer).toMatchObject({ configured: true, model: "m-writer" });

    const again = await call(PUT, "PUT", { settings: { ...settings, defaultModel: "m2" } });
    expect(again.body.stored).toMatchObject({ hasKey: true, defaultModel: "m2" });
    const read = await call(GET, "GET");
    expect(read.body.effective.hasKey).toBe(true);
  });

  it("tests the connection with the stored key, and keeps the key out of a provider's error text", async () => {
    const ok = await call(TEST, "POST", {});
    expect(ok.body.result).toMatchObject({ ok: true, model: "m2", reply: "ok" });
    expect(double.chatRequests().at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);

    double.enqueue({ type: "error", status: 401, message: `Incorrect API key provided: ${KEY}.`, errorType: "invalid_request_error" });
    const refused = await call(TEST, "POST", {});
    expect(refused.body.result).toEqual({ ok: false, error: "The server refused the credentials (HTTP 401): Incorrect API key provided: ***. Check the API key." });

    const unreachable = await call(TEST, "POST", { settings: { baseUrl: "http://127.0.0.1:9/v1", defaultModel: "m" } });
    expect(unreachable.body.result.error).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:9\/v1 \(Connection error\.\)\. Is the server running/);
  });

  it("names what is wrong in a bad form, and clears the key on request", async () => {
    const bad = await call(PUT, "PUT", { settings: { baseUrl: "localhost:8000", maxConcurrency: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/settings\.maxConcurrency: Too small.*; settings\.baseUrl: must start with http:\/\//);
    const cleared = await call(PUT, "PUT", { settings: { baseUrl: double.url }, clearKey: true });
    expect(cleared.body.stored.hasKey).toBe(false);
    expect(cleared.body.readiness.writer.missing).toEqual([expect.stringMatching(/^a model for the writer role: set FLYWHEEL_LLM_MODEL/)]);
  });
});
