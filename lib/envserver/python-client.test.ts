import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasVenv, trainerPaths } from "@/lib/train/trl/paths";
import { startEnvServer, type EnvServer } from "./server";
import { tasksSource } from "./source";
import { agentTurns, REFUSE, shopTasks } from "./test-fixture";

/**
 * A Python with `websockets` ≥ 11 (its sync client): the trainer's venv (`npx flywheel trainer
 * setup` installs it; CI does), else the system python3; or why there is none.
 */
function pythonWithWebsockets(): { python: string } | { missing: string } {
  const candidates = [...(hasVenv() ? [trainerPaths().python] : []), "python3"];
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import websockets.sync.client"], { encoding: "utf8" });
    if (!probe.error && probe.status === 0) return { python };
  }
  return { missing: "neither the trainer venv (npx flywheel trainer setup) nor the system python3 has `websockets` ≥ 11 (pip install websockets)" };
}

/** Runs a script without blocking the event loop (the server under test lives in this process). */
function runPython(script: string, input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script], { stdio: ["pipe", "pipe", "pipe"], timeout: 20_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

const found = pythonWithWebsockets();
const python = "python" in found ? found.python : "python3";
const missing = "missing" in found ? found.missing : null;
if (missing) console.warn(`skipping the Python OpenEnv client test: ${missing}`);

describe.skipIf(missing !== null)("OpenEnv /ws from a Python client", () => {
  let server: EnvServer;
  beforeAll(async () => {
    server = await startEnvServer({ source: tasksSource(shopTasks()) });
  }, 20_000);
  afterAll(() => server?.close());

  it("plays the ideal agent's turns to reward 1 with the websockets package", async () => {
    const actions = agentTurns(REFUSE, "normal").map((m) => {
      const [c] = m.tool_calls ?? [];
      return c ? { type: "call_tool", tool_name: c.function.name, arguments: JSON.parse(c.function.arguments), content: m.content } : { type: "reply", content: m.content };
    });
    const run = await runPython(path.join(__dirname, "openenv_replay.py"), JSON.stringify({ url: server.url, task_id: REFUSE, actions }));
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ bad_frame: "INVALID_JSON", opening_roles: ["system", "user"], done: true, reward: 1 });
    expect(result.tools).toContain("get_order");
    expect(result.step_count).toBe(actions.length + 1);
  });
});
