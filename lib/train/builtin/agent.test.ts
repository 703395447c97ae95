import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { normalTrajectory } from "@/lib/sim/trajectory";
import { loadBuiltinAgent } from "./agent";
import { saveCheckpoint } from "./checkpoint";
import { Policy } from "./policy";
import { exampleTasks, vocabFor } from "./test-fixture";
import { selectTfBackend } from "./tf-backend";

describe("the built-in checkpoint agent", () => {
  it("lets the event loop run on every turn (an evaluation in the studio's server must not hold its requests)", async () => {
    await selectTfBackend("wasm");
    const tasks = exampleTasks(clinicDomain, clinicTrees).slice(0, 4);
    const vocab = vocabFor(tasks);
    const policy = Policy.fresh(vocab, { dModel: 16, layers: 1, heads: 2, contextLength: 256, slots: 48 }, 3);
    const dir = await saveCheckpoint(fs.mkdtempSync(path.join(os.tmpdir(), "agent-ckpt-")), policy, { step: 0, phase: "sft", seed: 3 });
    policy.dispose();
    const agent = await loadBuiltinAgent(dir);
    const opening = normalTrajectory(tasks[0].testCase, clinicDomain).slice(0, 2);
    for (let turn = 0; turn < 3; turn++) {
      let ran = false;
      setImmediate(() => (ran = true));
      const reply = await agent.act(opening, []);
      expect(reply.role).toBe("assistant");
      expect(ran, `turn ${turn}`).toBe(true);
    }
  });
});
