import fs from "node:fs";
import { hasVenv, trainerPaths, workerEnv, type TrainerPaths } from "./paths";
import { runCommand } from "./python";

export interface TrlDoctorReport {
  ok: boolean;
  python?: string;
  torch?: string;
  cuda: { available: boolean; devices: { name: string; memoryGiB: number }[] };
  versions: Record<string, string>;
  problems: string[];
}

/** The pinned versions: `name==version` lines of the worker's requirements.txt. */
export function pinnedVersions(paths: TrainerPaths = trainerPaths()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(paths.requirements, "utf8").split("\n")) {
    const m = /^([A-Za-z0-9_.-]+)==([^\s#]+)/.exec(line.trim());
    if (m) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

/** Whether the TRL worker can run here: its venv, Python, torch (CUDA devices and memory), the pinned versions. */
export async function trlDoctor(paths: TrainerPaths = trainerPaths()): Promise<TrlDoctorReport> {
  const report: TrlDoctorReport = { ok: false, cuda: { available: false, devices: [] }, versions: {}, problems: [] };
  if (!hasVenv(paths)) {
    report.problems.push(`no trainer environment at ${paths.venvDir}`);
    return report;
  }
  const run = await runCommand(paths.python, ["-m", "flywheel_trl", "doctor"], { env: workerEnv(paths), timeoutMs: 120_000 });
  let found: Partial<TrlDoctorReport> & { problems?: string[] } = {};
  try {
    found = JSON.parse(run.stdout.trim().split("\n").pop() ?? "");
  } catch {
    report.problems.push(`the worker's doctor failed (exit ${run.code}): ${run.stderr.trim().split("\n").slice(-3).join(" ") || "no output"}`);
    return report;
  }
  Object.assign(report, { python: found.python, torch: found.torch, cuda: found.cuda ?? report.cuda, versions: found.versions ?? {} });
  report.problems.push(...(found.problems ?? []));
  for (const [name, pinned] of Object.entries(pinnedVersions(paths))) {
    const have = report.versions[name];
    // torch may be the build that fits the user's CUDA; the libraries on top of it must be the pinned ones
    if (have && name !== "torch" && have !== pinned) report.problems.push(`${name} ${have} is installed, ${pinned} is pinned`);
  }
  report.ok = report.problems.length === 0;
  return report;
}
