import fs from "node:fs";
import { getDb } from "@/db/client";
import { cancelJob, enqueueJob, getJobProgress, listJobs, pauseJob, resumeJob, type JobProgress } from "@/lib/jobs";
import { JOB_STATUSES, type JobStatus } from "@/db/schema-jobs";
import type { Command } from "./commands";
import { args, print, printJson, table } from "./io";

const USAGE = "usage: flywheel jobs list [--status S] | show <id> | cancel <id> | pause <id> | resume <id> [--retry-failed] | enqueue <kind> --input JSON|@file  [--json]";

function jobId(raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id < 1) throw new Error(`A job id (a whole number) is required.\n${USAGE}`);
  return id;
}

function showProgress(p: JobProgress): void {
  const eta = p.etaSeconds === null ? "—" : `${p.etaSeconds}s`;
  print(`job ${p.id} ${p.kind}: ${p.status}  done ${p.done}, failed ${p.failed}, pending ${p.pending}, running ${p.running} of ${p.total}  ETA ${eta}`);
  print(`usage: ${p.usage.promptTokens} prompt + ${p.usage.completionTokens} completion tokens, $${p.usage.cost.toFixed(6)}`);
  if (p.error) print(`error: ${p.error}`);
  for (const e of p.errors) print(`  item ${e.idx}: ${e.error}`);
}

/** `flywheel jobs …`: operators' view of the job queue. */
export const jobsCommand: Command = {
  async run(argv) {
    const { positionals, values } = args(argv, { status: { type: "string" }, input: { type: "string" }, "retry-failed": { type: "boolean" } });
    const [sub, arg] = positionals;
    const db = getDb();
    const out = (p: JobProgress) => (values.json ? printJson(p) : showProgress(p));
    switch (sub) {
      case "list": {
        if (values.status && !JOB_STATUSES.includes(values.status as JobStatus)) throw new Error(`--status must be one of ${JOB_STATUSES.join(", ")}.`);
        const rows = listJobs({ db, status: values.status as JobStatus | undefined });
        if (values.json) printJson(rows.map(({ input: _input, ...row }) => row));
        else if (rows.length === 0) print("no jobs");
        else print(table([["id", "kind", "status", "done", "failed", "total", "cost", "created"], ...rows.map((j) => [j.id, j.kind, j.status, j.done, j.failed, j.total, j.cost.toFixed(6), j.createdAt])]));
        return 0;
      }
      case "show":
        out(getJobProgress({ db, id: jobId(arg) }));
        return 0;
      case "cancel":
      case "pause":
      case "resume": {
        const id = jobId(arg);
        if (sub === "cancel") cancelJob({ db, id });
        else if (sub === "pause") pauseJob({ db, id });
        else resumeJob({ db, id, retryFailed: values["retry-failed"] === true });
        out(getJobProgress({ db, id }));
        return 0;
      }
      case "enqueue": {
        if (!arg || !values.input) throw new Error(USAGE);
        const text = values.input.startsWith("@") ? fs.readFileSync(values.input.slice(1), "utf8") : values.input;
        const job = await enqueueJob({ db, kind: arg, input: JSON.parse(text) });
        out(getJobProgress({ db, id: job.id }));
        return 0;
      }
      default:
        throw new Error(USAGE);
    }
  },
};
