import { describe, expect, it } from "vitest";
import type { AssistantMessage } from "@/lib/chat/schema";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import { synthesizeTree } from "@/lib/synth";
import { Episode } from "./episode";

const { cases } = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: clinicTrees[0].name });
const task = (i: number) => ({ id: String(i), testCase: cases[i], domain: clinicDomain });

/** Plays the agent turns of a recorded trajectory into an episode; returns the episode. */
async function replay(i: number, kind: "normal" | "hack") {
  const recorded = (kind === "normal" ? normalTrajectory : hackTrajectory)(cases[i], clinicDomain);
  const episode = new Episode(task(i));
  await episode.reset();
  for (const m of recorded) if (m.role === "assistant" && !episode.done) await episode.step(m as AssistantMessage);
  return { episode, recorded };
}

describe("Episode", () => {
  it("driven by the ideal agent's turns, reproduces its trajectory and earns reward 1; the persuaded agent earns 0", async () => {
    expect(cases.length).toBeGreaterThan(5);
    for (let i = 0; i < cases.length; i++) {
      const { episode, recorded } = await replay(i, "normal");
      expect(episode.done).toBe(true);
      expect(episode.messages.map((m) => m.role)).toEqual(recorded.map((m) => m.role));
      expect(episode.score().reward, `case ${i} normal`).toBe(1);
      if (cases[i].tool_return_expected.hack_path.length) expect((await replay(i, "hack")).episode.score().reward, `case ${i} hack`).toBe(0);
    }
  }, 60_000);

  it("answers a bad call with an error result, cuts off at the turn limit, and refuses steps after the end", async () => {
    const episode = new Episode(task(0), { maxTurns: 2 });
    const opening = await episode.reset();
    expect(opening.map((m) => m.role)).toEqual(["system", "user"]);
    const first = await episode.step({ role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "no_such_tool", arguments: "{}" } }] });
    expect(first.done).toBe(false);
    expect(first.appended[0]).toMatchObject({ role: "tool", tool_call_id: "c1" });
    expect(first.appended[0].content).toMatch(/unknown tool/);
    const bad = await episode.step({ role: "assistant", content: null, tool_calls: [{ id: "c2", type: "function", function: { name: "x", arguments: "{oops" } }] });
    expect(bad.appended[0].content).toMatch(/not valid JSON/);
    expect(bad).toMatchObject({ done: true, endReason: "max_turns", reward: 0 });
    await expect(episode.step({ role: "assistant", content: "hi" })).rejects.toThrow(/over/);
  });
});
