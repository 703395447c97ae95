import { describe, expect, it } from "vitest";
import type { AssistantMessage } from "@/lib/chat/schema";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { openEpisode, runEpisode, type ProblemTask } from "@/lib/rollout";
import { oracleAgent } from "./agents";
import { generateProblems } from "./generate/generate";
import { ProblemEpisode } from "./problem-episode";

const problems = generateProblems(clinicDomain, { count: 4, seed: 11 }).problems;
const task = (i: number): ProblemTask => ({ id: problems[i].id, problem: problems[i], domain: clinicDomain });

/** Steps the oracle's turns into an episode until it ends. */
async function playOracle(episode: ProblemEpisode, budget = Infinity) {
  const agent = oracleAgent(episode.task.problem, budget);
  await episode.reset();
  const steps = [];
  while (!episode.done) steps.push(await episode.step(await agent.act([...episode.messages], episode.tools)));
  return steps;
}

describe("ProblemEpisode", () => {
  it("opened for a problem task, the oracle's reads and answer end it 'answered' with reward 1", async () => {
    expect(problems.length).toBeGreaterThan(1);
    for (let i = 0; i < problems.length; i++) {
      const episode = openEpisode(task(i));
      expect(episode).toBeInstanceOf(ProblemEpisode);
      const steps = await playOracle(episode as ProblemEpisode);
      const last = steps.at(-1)!;
      expect(last).toEqual({ appended: [], done: true, endReason: "answered", reward: 1 });
      expect(steps.slice(0, -1).every((s) => !s.done && s.reward === null && s.appended.every((m) => m.role === "tool" && !m.content.includes('"error"')))).toBe(true);
      expect(episode.score()).toMatchObject({ reward: 1, components: { db: 1, forbidden: 1, outcome: 1 }, verdict: { correct: true } });
    }
  });

  it("a wrong answer scores 0 with the verifier's reason; write tools are not offered", async () => {
    const episode = openEpisode(task(0)) as ProblemEpisode;
    await episode.reset();
    expect(episode.tools.map((t) => t.function.name).sort()).toEqual([...problems[0].tools].sort());
    expect(episode.tools.some((t) => t.function.name === "cancel_appointment")).toBe(false);
    const wrong: AssistantMessage = { role: "assistant", content: "<answer>definitely not it</answer>" };
    expect(await episode.step(wrong)).toMatchObject({ done: true, endReason: "answered", reward: 0 });
    expect(episode.score()).toMatchObject({ reward: 0, components: { outcome: 0 }, verdict: { correct: false, given: "definitely not it" } });
    await expect(episode.step(wrong)).rejects.toThrow(/the episode is over \(answered\)/);
    expect((await runEpisode(oracleAgent(problems[0], 0), task(0))).reward).toBe(0);
    expect(await runEpisode(oracleAgent(problems[0]), task(0))).toMatchObject({ reward: 1, endReason: "answered", toolCalls: problems[0].plan.length });
  });

  it("a trainer's turn limit still leaves a problem its planned reads and the answer", async () => {
    const longest = problems.reduce((a, b) => (b.plan.length > a.plan.length ? b : a));
    expect(longest.plan.length).toBeGreaterThan(1);
    const t: ProblemTask = { id: longest.id, problem: longest, domain: clinicDomain };
    const episode = openEpisode(t, { maxTurns: 1 }) as ProblemEpisode;
    const steps = await playOracle(episode);
    expect(steps.at(-1)).toMatchObject({ done: true, endReason: "answered", reward: 1 });
  });

  it("a write tool is an unknown tool to a problem, and the turn limit ends it unanswered", async () => {
    const episode = new ProblemEpisode(task(0), { maxTurns: 1 });
    await episode.reset();
    const call: AssistantMessage = { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "cancel_appointment", arguments: "{}" } }] };
    const step = await episode.step(call);
    expect(step).toMatchObject({ done: true, endReason: "max_turns", reward: 0 });
    expect(step.appended[0].content).toMatch(/unknown tool cancel_appointment/);
    expect(episode.score().verdict.reason).toBe("no answer within 1 turns");
  });
});
