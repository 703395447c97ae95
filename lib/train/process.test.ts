import { describe, expect, it } from "vitest";
import { runWorkerProcess } from "./process";
import type { TrainEventInput } from "./protocol";

/** Runs a tiny node script as the worker; returns the status and the events it led to. */
async function run(script: string, abortWhenRunning = false) {
  const events: TrainEventInput[] = [];
  const controller = new AbortController();
  // stop once the worker says it runs (its SIGTERM handler is installed by then), not after a timer
  const emit = (e: TrainEventInput) => {
    events.push(e);
    if (abortWhenRunning && e.type === "status" && e.status === "RUNNING") controller.abort();
  };
  const status = await runWorkerProcess({ command: process.execPath, args: ["-e", script], emit, signal: controller.signal, graceMs: 2000 });
  return { status, events };
}

describe("runWorkerProcess", () => {
  it("turns stdout JSONL into events, other output into logs, and takes the worker's final status", async () => {
    const { status, events } = await run(`
      console.log(JSON.stringify({type:"status",status:"RUNNING"}));
      console.log(JSON.stringify({type:"metrics",step:1,data:{"critic/score/mean":0.5}}));
      console.log("plain text");
      console.error("a warning");
      console.log(JSON.stringify({type:"status",status:"SUCCEEDED"}));`);
    expect(status).toBe("SUCCEEDED");
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["status", "metrics", "log"]));
    expect(events).toContainEqual(expect.objectContaining({ type: "log", message: "plain text" }));
    expect(events).toContainEqual(expect.objectContaining({ type: "log", level: "warn", message: "a warning" }));
  });

  it("fails a worker that crashes, with the end of its stderr in the message", async () => {
    const { status, events } = await run(`console.error("boom: out of memory"); process.exit(3)`);
    expect(status).toBe("FAILED");
    expect(events.at(-1)).toMatchObject({ type: "status", status: "FAILED", message: expect.stringMatching(/code 3.*boom/) });
  });

  it("on abort sends SIGTERM; a worker that saves and reports STOPPED ends STOPPED", async () => {
    const { status, events } = await run(
      `process.on("SIGTERM", () => { console.log(JSON.stringify({type:"checkpoint",step:2,path:"/tmp/ck"})); console.log(JSON.stringify({type:"status",status:"STOPPED"})); process.exit(0); });
       console.log(JSON.stringify({type:"status",status:"RUNNING"})); setInterval(() => {}, 1000);`,
      true,
    );
    expect(status).toBe("STOPPED");
    expect(events).toContainEqual(expect.objectContaining({ type: "checkpoint", path: "/tmp/ck" }));
  });

  it("kills a worker that ignores SIGTERM after the grace period and reports STOPPED", async () => {
    const { status } = await run(`process.on("SIGTERM", () => {}); console.log(JSON.stringify({type:"status",status:"RUNNING"})); setInterval(() => {}, 1000);`, true);
    expect(status).toBe("STOPPED");
  }, 10_000);
});
