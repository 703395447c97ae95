import fs from "node:fs";
import path from "node:path";
import { TestCase } from "@/lib/cases/schema";
import { DomainSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import { Problem } from "@/lib/reasoning/schema";
import { isProblemTask, type AnyEpisodeTask } from "@/lib/rollout";
import { RoundSpec, type RoundData } from "@/lib/train/protocol";

/**
 * What the studio hands the built-in worker process: the round's spec, its cases and problems,
 * in one JSON file in the run's folder (the domain once, each task with its id).
 */
export interface BuiltinJob {
  runId: number;
  spec: RoundSpec;
  data: RoundData;
  runDir: string;
}

type TaskEntry = { id: string; testCase: TestCase } | { id: string; problem: Problem };

interface JobFile {
  format: "flywheel-builtin-job/1";
  runId: number;
  runDir: string;
  spec: RoundSpec;
  label: string;
  domain: DomainSpec;
  train: TaskEntry[];
  validation: TaskEntry[];
}

export function writeJobFile(job: BuiltinJob): string {
  const file = path.join(job.runDir, "builtin-job.json");
  const strip = (tasks: AnyEpisodeTask[]): TaskEntry[] => tasks.map((t) => (isProblemTask(t) ? { id: t.id, problem: t.problem } : { id: t.id, testCase: t.testCase }));
  const content: JobFile = {
    format: "flywheel-builtin-job/1",
    runId: job.runId,
    runDir: job.runDir,
    spec: job.spec,
    label: job.data.label,
    domain: job.data.domain,
    train: strip(job.data.train),
    validation: strip(job.data.validation),
  };
  fs.mkdirSync(job.runDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

export function readJobFile(file: string): BuiltinJob {
  if (!fs.existsSync(file)) throw new DomainError("not_found", `job file ${file} does not exist`);
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as JobFile;
  if (raw.format !== "flywheel-builtin-job/1") throw new DomainError("invalid", `${file} is not a built-in trainer job file`);
  const domain = DomainSpec.parse(raw.domain);
  const tasks = (list: TaskEntry[]): AnyEpisodeTask[] => list.map((t) => ("problem" in t ? { id: t.id, problem: Problem.parse(t.problem), domain } : { id: t.id, testCase: TestCase.parse(t.testCase), domain }));
  return {
    runId: raw.runId,
    runDir: raw.runDir,
    spec: RoundSpec.parse(raw.spec),
    data: { label: raw.label, domain, train: tasks(raw.train), validation: tasks(raw.validation) },
  };
}
