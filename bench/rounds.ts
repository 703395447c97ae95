/**
 * Flywheel rounds benchmark: a project on the clinic example domain runs N rounds (default 3)
 * end to end through its durable step jobs, with the built-in backend at small settings, then the
 * same loop with the hack reference agent as an untrained policy.
 * Per round it prints the held-out pass rate before and after training (the held-out branches
 * are the first snapshot's validation split, kept by every round: a rise is the flywheel effect;
 * seeds can flip small numbers, so nothing here asserts one), what mining found, how concentrated
 * the added data is on the weak nodes, and the time per step. The reference run uses the retail
 * domain, so neither project's new cases enter the other's first snapshot. Figures only.
 *
 *   npm run bench rounds            (ROUNDS=3 STEPS=20 SFT_STEPS=20 to change the defaults)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? "   -  " : x.toFixed(3).padStart(6));
const secs = (from?: string, to?: string) => (from && to ? ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1) : "-");

export async function benchRounds(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-rounds-"));
  process.env.FLYWHEEL_DB ??= path.join(dir, "rounds.db");
  process.env.FLYWHEEL_JOBS = "off";
  const { studioDb } = await import("@/db");
  const { createProject, getRound } = await import("@/db/queries/rounds");
  const { frozenRows } = await import("@/db/queries/round-data");
  const { JobRunner, loadJobKinds } = await import("@/lib/jobs");
  const { advanceProject, ROUND_STEP_KIND } = await import("@/lib/rounds/driver");
  const { ROUND_STEPS } = await import("@/lib/rounds/schema");
  const db = studioDb();
  await loadJobKinds();
  const rounds = Number(process.env.ROUNDS ?? 3);
  const steps = Number(process.env.STEPS ?? 20);
  const sftSteps = Number(process.env.SFT_STEPS ?? 20);

  const projects = [
    {
      label: `built-in policy (${sftSteps} SFT + ${steps} GRPO steps a round, tiny model)`,
      input: { name: "bench builtin", domains: ["clinic-appointments"], backend: "builtin" as const, settings: { seed: 1, trials: 2, reviewRequired: false, reasoning: { enabled: false }, train: { steps, sftSteps, evalEvery: Math.max(1, steps), modelOptions: { dModel: 48, layers: 2, heads: 4 } } } },
    },
    { label: "hack reference agent on retail-orders, no training (the pipeline's own speed)", input: { name: "bench hack", domains: ["retail-orders"], backend: "none" as const, baseModel: "hack", settings: { seed: 1, trials: 2, reviewRequired: false, reasoning: { problems: 8, samples: 1, policy: "budget:1" } } } },
  ];
  try {
    for (const { label, input } of projects) {
      console.log(`\n${label}`);
      const project = createProject({ db, input, createdBy: "bench" });
      console.log("round  train cases  held-out before  after   failed/trials  weak  added  on weak nodes  dropped  seconds  slowest step");
      for (let n = 1; n <= rounds; n++) {
        const started = Date.now();
        const { round } = await advanceProject({ db, projectId: project.id });
        await new JobRunner({ db, kinds: [ROUND_STEP_KIND], pollMs: 20 }).runUntilIdle();
        const r = getRound({ db, id: round.id });
        if (r.status !== "closed") {
          console.log(`round ${n} stopped: ${r.status} at ${r.step} ${r.error ?? ""}`);
          break;
        }
        const d = r.inputs!.snapshots[0].domain;
        const mined = r.results.mine?.[d]?.failures;
        const weak = new Set(mined?.weak.map((w) => w.nodeId));
        const out = r.output!.snapshots[0];
        const next = new Map(frozenRows({ db, snapshotId: out.snapshotId }).map((x) => [x.caseId, x.data as { branch: { nodeIds: string[] } }]));
        const onWeak = out.addedIds.filter((id) => next.get(id)?.branch.nodeIds.some((node) => weak.has(node))).length;
        const timed = ROUND_STEPS.map((s) => [s, Number(secs(r.steps[s]?.startedAt, r.steps[s]?.finishedAt)) || 0] as const).sort((a, b) => b[1] - a[1])[0];
        console.log(
          `${String(n).padEnd(6)} ${String(r.inputs!.mix.cases).padEnd(12)} ${fmt(r.results.evalBefore?.[d]?.pass_at_1)}           ${fmt(r.results.evalAfter?.[d]?.pass_at_1)}  ${`${mined?.failures ?? 0}/${mined?.trials ?? 0}`.padEnd(14)} ${String(weak.size).padEnd(5)} ${String(out.added).padEnd(6)} ${`${onWeak}/${out.added}`.padEnd(14)} ${String(out.dropped).padEnd(8)} ${((Date.now() - started) / 1000).toFixed(1).padEnd(8)} ${timed[0]} ${timed[1]}s`,
        );
      }
    }
  } finally {
    if (process.env.FLYWHEEL_DB?.startsWith(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("rounds.ts")) void benchRounds();
