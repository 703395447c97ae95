import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe("the double's studio scenario", () => {
  it("runs standalone and answers each JSON schema from its scenario, free text with the canned reply", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/llm/testing/openai-double.ts", "--port", "0", "--scenario", "studio"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          const m = /listening on (\S+) .*scenario studio/.exec(d.toString());
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`double exited with ${code}`)));
      });
      const brief = { task: "Hi, I need some help: cancel. My email is a@b.c.", user_background: "Email: a@b.c.", hack_success_user_background: "", user_escape_strategy: "Cooperate." };
      const rewrite = await post(url, {
        model: "m",
        response_format: { type: "json_schema", json_schema: { name: "case_rewrite", schema: {} } },
        messages: [{ role: "user", content: `<persona>A night-shift nurse, impatient.</persona>\n<case>${JSON.stringify(brief)}</case>` }],
      });
      expect(JSON.parse(rewrite.body.choices[0].message.content)).toEqual({
        task: "So, I'm a night-shift nurse. Cancel. My email is a@b.c.",
        user_background: "I'm a night-shift nurse. Email: a@b.c.",
        hack_success_user_background: "",
        user_escape_strategy: "Cooperate. Stay in character as a night-shift nurse.",
      });
      const unknown = await post(url, { model: "m", response_format: { type: "json_schema", json_schema: { name: "nope", schema: {} } }, messages: [] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/no studio scenario for schema "nope"/);
      const text = await post(url, { model: "m", messages: [{ role: "user", content: "hi" }] });
      expect(text.body.choices[0].message.content).toMatch(/Hello from the OpenAI-compatible test double/);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
