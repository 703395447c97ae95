import { describe, expect, it, vi } from "vitest";

// The jobs read the process-wide database; this file gets its own in-memory one.
process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";

// A backend that records the data its run was given and writes a checkpoint, instead of training.
const seen = vi.hoisted(() => ({ data: [] as import("@/lib/train/protocol").RoundData[] }));
vi.mock("@/lib/train/backends", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/train/backends")>()),
  loadBackend: async (): Promise<import("@/lib/train/protocol").TrainerBackend> => ({
    backend: "builtin",
    async run({ data, runDir, emit }) {
      seen.data.push(data);
      emit({ type: "checkpoint", step: 1, path: runDir });
      return "SUCCEEDED";
    },
  }),
}));

import { studioDb } from "@/db";
import { getRun } from "@/db/queries/train-runs";
import { createProject, getRound } from "@/db/queries/rounds";
import { isProblemTask, type ProblemTask } from "@/lib/rollout";
import { RoundSpec } from "@/lib/train/protocol";
import type { StepContext } from "./context";
import { advanceProject } from "./driver";
import { prepareStep } from "./steps/prepare";
import { reasonStep } from "./steps/reason";
import { trainStep } from "./steps/train";
import { getProblemEval } from "@/db/queries/problems";

const db = studioDb();
const SLUG = "clinic-appointments";

describe("the train step", () => {
  it("trains each domain's run on its snapshot and the round's recorded problems, families held out together", async () => {
    const project = createProject({
      db,
      input: { name: "clinic-problems", domains: [SLUG], backend: "builtin", settings: { seed: 5, validationRatio: 0.5, train: { steps: 1 }, reasoning: { problems: 8 } } },
    });
    const { round } = await advanceProject({ db, projectId: project.id });
    const ctx: StepContext = { db, project, roundId: round.id, jobId: 0, signal: new AbortController().signal, autoApprove: true, deps: {}, round: () => getRound({ db, id: round.id }) };
    await prepareStep(ctx);
    const recorded = ctx.round().inputs!.problems.find((p) => p.domain === SLUG)!;
    expect(recorded.ids.length).toBeGreaterThan(0);

    expect(await trainStep(ctx)).toMatchObject({ status: "done" });
    const runId = ctx.round().results.train!.runIds[SLUG];
    expect(RoundSpec.parse(getRun({ db, id: runId }).spec).dataset).toMatchObject({ kind: "snapshot", problems: { ids: recorded.ids, validationRatio: 0.5 } });
    const [data] = seen.data;
    const problems = [...data.train, ...data.validation].filter(isProblemTask) as ProblemTask[];
    expect(problems.map((t) => t.id).sort()).toEqual([...recorded.ids].sort());
    const trainRoots = new Set(data.train.filter(isProblemTask).map((t) => t.problem.lineage.root));
    expect(data.validation.filter(isProblemTask).some((t) => trainRoots.has(t.problem.lineage.root))).toBe(false);
    expect(data.train.some((t) => !isProblemTask(t))).toBe(true);
    expect(data.label).toMatch(new RegExp(`\\+ ${recorded.ids.length} problems$`));
  });

  it("with reasoning.policy \"trained\", evaluates the round's problems with the checkpoint it just trained and hardens its failures", async () => {
    const loaded: string[] = [];
    // a checkpoint loader double: the trained policy answers nothing, so every problem fails
    const loadBuiltin = async (dir: string) => (loaded.push(dir), { name: `builtin:${dir}`, act: async () => ({ role: "assistant" as const, content: "<answer>unknown</answer>" }) });
    const start = async (name: string) => {
      const project = createProject({ db, input: { name, domains: [SLUG], backend: "builtin", settings: { seed: 6, train: { steps: 1 }, reasoning: { problems: 6, samples: 1, policy: "trained" } } } });
      const { round } = await advanceProject({ db, projectId: project.id });
      const ctx: StepContext = { db, project, roundId: round.id, jobId: 0, signal: new AbortController().signal, autoApprove: true, deps: { agentDeps: { loadBuiltin } }, round: () => getRound({ db, id: round.id }) };
      await prepareStep(ctx);
      return ctx;
    };

    const untrained = await start("clinic-untrained-solver");
    expect(await reasonStep(untrained)).toMatchObject({ status: "done", note: expect.stringMatching(/no trained policy to evaluate problems with/) });

    const ctx = await start("clinic-trained-solver");
    await trainStep(ctx);
    const checkpoint = ctx.round().results.train!.checkpoint!;
    expect(await reasonStep(ctx)).toMatchObject({ status: "done" });
    expect(loaded).toEqual([checkpoint]);
    const record = ctx.round().results.reasoning![SLUG];
    expect(getProblemEval({ db, id: record.evalId! }).policy).toBe(`builtin:${checkpoint}`);
    expect(record).toMatchObject({ passRate: 0, parents: ctx.round().inputs!.problems.find((p) => p.domain === SLUG)!.ids.length });
    expect(record.verifiedIds!.length).toBeGreaterThan(0);
  });
});
