import { describe, expect, it } from "vitest";
import { TrainEvent } from "@/lib/train/protocol";
import { VerlLogParser } from "./log-parser";

const CONSOLE = "(TaskRunner pid=2114, ip=10.0.0.2) step:3 - critic/score/mean:np.float64(0.625) - actor/pg_loss:-0.0125 - actor/kl_loss:0.001 - response_length/mean:212.5 - timing_s/step:41.7 - training/epoch:0";
const FILE = JSON.stringify({ step: 3, elapsed_seconds: 120.5, data: { "critic/score/mean": 0.625, "actor/entropy": 1.25, "actor/pg_loss": -0.0125, "perf/throughput": 812.25, "note": "text", "flag": true } });

describe("VerlLogParser", () => {
  it("reads the console logger's step line behind Ray's actor prefix, under verl's names", () => {
    const events = new VerlLogParser().push(CONSOLE + "\n");
    expect(events).toEqual([
      { type: "metrics", step: 3, phase: "grpo", data: { "critic/score/mean": 0.625, "actor/pg_loss": -0.0125, "actor/kl_loss": 0.001, "response_length/mean": 212.5, "timing_s/step": 41.7, "training/epoch": 0 } },
    ]);
    for (const e of events) expect(TrainEvent.safeParse(e).success).toBe(true);
  });

  it("reads the file logger's JSONL; a value already reported for the step is not reported twice", () => {
    const parser = new VerlLogParser();
    parser.push(CONSOLE + "\n");
    expect(parser.push(FILE + "\n")).toEqual([{ type: "metrics", step: 3, phase: "grpo", data: { "actor/entropy": 1.25, "perf/throughput": 812.25, flag: 1 } }]);
    expect(parser.push(FILE + "\n" + CONSOLE + "\n")).toEqual([]);
    expect(new VerlLogParser().push(FILE + "\n")[0]).toMatchObject({ step: 3, data: { "critic/score/mean": 0.625, "actor/entropy": 1.25 } });
  });

  it("turns validation metrics into a val phase with the overall reward, and an eval event per branch kind", () => {
    const parser = new VerlLogParser({ validationKinds: { violation: 3, legal: 1 } });
    const events = parser.push("step:0 - val-core/violation/reward/mean@1:0.5 - val-core/legal/reward/mean@1:1.0 - val-aux/violation/num_turns/mean@1:4.0\n");
    expect(events).toEqual([
      { type: "metrics", step: 0, phase: "val", data: { "val-core/violation/reward/mean@1": 0.5, "val-core/legal/reward/mean@1": 1, "val-aux/violation/num_turns/mean@1": 4, "val-core/reward/mean": 0.625 } },
      { type: "eval", step: 0, reward: 0.625, byKind: { violation: { pass: 0.5, n: 3 }, legal: { pass: 1, n: 1 } } },
    ]);
    expect(parser.push('{"step":0,"data":{"val-core/violation/reward/mean@1":0.5}}\n')).toEqual([]);
    // a step with training and validation metrics together gives both
    expect(new VerlLogParser().push("step:4 - critic/score/mean:0.7 - val-core/legal/reward/mean@1:0.75\n").map((e) => [e.type, "phase" in e ? e.phase : null])).toEqual([["metrics", "grpo"], ["metrics", "val"], ["eval", null]]);
  });

  it("reports saved checkpoints and keeps every other line as a log event with a level", () => {
    const events = new VerlLogParser().push(
      [
        "(TaskRunner pid=9) local_global_step_folder: /ckpt/run-5/global_step_20",
        "\x1b[36m(WorkerDict pid=3)\x1b[0m WARNING: something odd [repeated 4x across cluster]",
        "Traceback (most recent call last):",
        "ordinary line",
        "",
      ].join("\n"),
    );
    expect(events).toEqual([
      { type: "checkpoint", step: 20, path: "/ckpt/run-5/global_step_20" },
      { type: "log", level: "info", message: "local_global_step_folder: /ckpt/run-5/global_step_20" },
      { type: "log", level: "warn", message: "WARNING: something odd" },
      { type: "log", level: "error", message: "Traceback (most recent call last):" },
      { type: "log", level: "info", message: "ordinary line" },
    ]);
  });

  it("waits for the rest of a line cut between two reads, and flushes a last line without a newline", () => {
    const parser = new VerlLogParser();
    const text = `${CONSOLE}\n${FILE}\nbye`;
    const cuts = [17, 60, CONSOLE.length, CONSOLE.length + 30];
    const events = [];
    let at = 0;
    for (const cut of [...cuts, text.length]) {
      events.push(...parser.push(text.slice(at, cut)));
      at = cut;
    }
    expect(events.map((e) => e.type)).toEqual(["metrics", "metrics"]);
    expect(parser.flush()).toEqual([{ type: "log", level: "info", message: "bye" }]);
    expect(parser.flush()).toEqual([]);
  });

  it("drops what is not a finite number and ignores JSON that is not a file-logger record", () => {
    const parser = new VerlLogParser();
    expect(parser.push("step:1 - a:nan - b:inf - c:tensor(0.5, device='cuda:0') - d:hello - e:True\n")).toEqual([{ type: "metrics", step: 1, phase: "grpo", data: { c: 0.5, e: 1 } }]);
    expect(parser.push('{"step": "x", "data": {}}\n')).toEqual([{ type: "log", level: "info", message: '{"step": "x", "data": {}}' }]);
  });
});
