import { studioDb } from "@/db";
import type { Db } from "@/db/client";
import { getJob } from "@/db/queries/jobs";
import { createProject, findProject, getRound, listProjects, listRounds, type RoundRow } from "@/db/queries/rounds";
import { JobRunner, loadJobKinds } from "@/lib/jobs";
import { advanceProject, isAtStop, ROUND_STEP_KIND } from "@/lib/rounds/driver";
import { replayRound } from "@/lib/rounds/replay";
import { PROJECT_BACKENDS, STEP_LABELS, type ProjectBackend } from "@/lib/rounds/schema";
import { summarizeRound } from "@/lib/rounds/summary";
import type { Command } from "./commands";
import { args, fail, print, printJson, table } from "./io";

const USAGE = `usage: flywheel round next <project> [--auto-approve-verified] [--json]
       flywheel round project create <name> --domain SLUG[,SLUG] [--backend ${PROJECT_BACKENDS.join("|")}] [--base-model M]
              [--no-review] [--band MIN:MAX] [--seed N] [--trials K] [--steps N] [--settings JSON] [--json]
       flywheel round projects [--json]
       flywheel round list <project> [--json]
       flywheel round replay <round-id> [--json]`;

const int = (raw: string | undefined, flag: string, min = 0): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
};

function band(raw: string | undefined) {
  if (raw === undefined) return undefined;
  const m = /^([\d.]+):([\d.]+)$/.exec(raw);
  if (!m) throw new Error(`--band must be MIN:MAX pass rates, e.g. 0:0.99 (got "${raw}")`);
  return { min: Number(m[1]), max: Number(m[2]) };
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function createProjectCommand(argv: string[]): number {
  const { positionals, values } = args(argv, {
    domain: { type: "string" }, backend: { type: "string" }, "base-model": { type: "string" }, "no-review": { type: "boolean" },
    band: { type: "string" }, seed: { type: "string" }, trials: { type: "string" }, steps: { type: "string" }, settings: { type: "string" },
  });
  const name = positionals[0];
  if (!name || !values.domain) throw new Error(USAGE);
  const backend = (values.backend ?? "builtin") as ProjectBackend;
  if (!PROJECT_BACKENDS.includes(backend)) throw new Error(`--backend must be one of ${PROJECT_BACKENDS.join(", ")}`);
  if (backend === "none" && !values["base-model"]) throw new Error("--backend none evaluates an agent without training it: name it with --base-model (e.g. openai:<model>, oracle, hack)");
  let extra: Record<string, unknown> & { train?: Record<string, unknown> & { steps?: number } } = {};
  try {
    extra = values.settings ? JSON.parse(values.settings) : {};
  } catch (e) {
    throw new Error(`--settings must be a JSON object of project settings: ${(e as Error).message}`);
  }
  const project = createProject({
    db: studioDb(),
    createdBy: "cli",
    input: {
      name, backend, domains: values.domain.split(",").map((d) => d.trim()).filter(Boolean), baseModel: values["base-model"] ?? "scratch",
      settings: {
        ...extra,
        ...defined({ band: band(values.band), seed: int(values.seed, "seed"), trials: int(values.trials, "trials", 1), reviewRequired: values["no-review"] ? false : undefined }),
        train: { ...extra.train, ...defined({ steps: int(values.steps, "steps") }) },
      },
    },
  });
  if (values.json) printJson(project);
  else print(`project ${project.id} "${project.name}": ${project.domains.join(", ")}, ${project.backend} from ${project.baseModel}, review ${project.settings.reviewRequired ? "required" : "not required"}\nnext: flywheel round next "${project.name}"`);
  return 0;
}

/** Runs the round's step jobs in this process until it closes, waits for reviewers, or fails. */
async function driveRound(db: Db, roundId: number, quiet: boolean): Promise<RoundRow> {
  const runner = new JobRunner({ db, kinds: [ROUND_STEP_KIND], pollMs: 100, log: fail });
  const stop = () => void runner.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  runner.start();
  let said = "";
  let idlePolls = 0;
  try {
    for (;;) {
      const round = getRound({ db, id: roundId });
      const line = `round ${round.number}: ${STEP_LABELS[round.step]} (${round.steps[round.step]?.status ?? "pending"})`;
      if (!quiet && line !== said) fail((said = line));
      if (isAtStop(round)) return round;
      const jobId = round.steps[round.step]?.jobId;
      const active = jobId !== undefined && ["queued", "running"].includes(getJob({ db, id: jobId }).status);
      idlePolls = active ? 0 : idlePolls + 1;
      if (idlePolls > 50) throw new Error(`round ${round.number} stopped moving at ${round.step} with no job running it (run the command again to resume)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await runner.stop();
  }
}

async function nextCommand(argv: string[]): Promise<number> {
  const { positionals, values } = args(argv, { "auto-approve-verified": { type: "boolean" } });
  if (!positionals[0]) throw new Error(USAGE);
  const db = studioDb();
  await loadJobKinds();
  const project = findProject({ db, ref: positionals[0] });
  const { round } = await advanceProject({ db, projectId: project.id, autoApprove: Boolean(values["auto-approve-verified"]), createdBy: "cli" });
  const done = await driveRound(db, round.id, Boolean(values.json));
  const summary = summarizeRound(done);
  if (values.json) printJson({ project: project.name, ...summary });
  else {
    print(table([["step", "status", "note"], ...summary.steps.map((s) => [STEP_LABELS[s.step], s.status, s.error ?? s.note ?? ""])]));
    if (done.status === "review") print(`\nround ${done.number} waits for review: approve or reject its new cases on the Review page, then run this again (or add --auto-approve-verified).`);
    if (done.status === "closed") print(`\nround ${done.number} closed: ${(summary.output ?? []).map((o) => `${o.domain} snapshot ${o.snapshotId} (+${o.added} −${o.dropped}, ${o.train} training cases)`).join("; ")}`);
    if (done.status === "failed") fail(`round ${done.number} failed at ${done.step}: ${done.error} (run this again to resume)`);
  }
  return done.status === "failed" ? 1 : 0;
}

export const roundCommand: Command = {
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "next") return nextCommand(rest);
    if (sub === "project" && rest[0] === "create") return createProjectCommand(rest.slice(1));
    const { positionals, values } = args(rest);
    const db = studioDb();
    if (sub === "projects") {
      const projects = listProjects({ db });
      if (values.json) printJson(projects);
      else print(projects.length ? table([["id", "name", "domains", "backend", "base model"], ...projects.map((p) => [p.id, p.name, p.domains.join(","), p.backend, p.baseModel])]) : "no projects yet");
      return 0;
    }
    if (sub === "list" && positionals[0]) {
      const rounds = listRounds({ db, projectId: findProject({ db, ref: positionals[0] }).id }).map(summarizeRound);
      if (values.json) printJson(rounds);
      else print(table([["round", "status", "step", "cases", "held-out before", "after", "weak nodes", "added"], ...rounds.map((r) => [r.number, r.status, r.step, r.input.cases, fmt(r.heldOut[0]?.before), fmt(r.heldOut[0]?.after), r.failures.flatMap((f) => f.weak).length, (r.output ?? []).reduce((n, o) => n + o.added, 0)])]));
      return 0;
    }
    if (sub === "replay" && positionals[0]) {
      const report = await replayRound({ db, roundId: int(positionals[0], "round-id", 1)! });
      if (values.json) printJson(report);
      else print(table([["domain", "recorded hash", "replayed hash", "same", "cases regenerated", "identical"], ...report.domains.map((d) => [d.domain, d.recordedHash.slice(0, 16), d.replayedHash.slice(0, 16), d.isSameHash ? "yes" : "NO", d.regenerated, d.identical])]));
      return report.domains.every((d) => d.isSameHash) ? 0 : 1;
    }
    throw new Error(USAGE);
  },
};

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? "-" : x.toFixed(3));
