import fs from "node:fs";
import { DomainError } from "@/lib/errors";
import { trainerPaths, type TrainerPaths } from "./paths";
import { runCommand } from "./python";

/** The Python that creates the venv (FLYWHEEL_PYTHON, default python3). */
export const basePython = () => process.env.FLYWHEEL_PYTHON || "python3";

/** `pip config list` lines (`global.extra-index-url='a b'`) as key → value. */
export function parsePipConfig(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([^=\s]+)=(['"]?)(.*)\2$/.exec(line.trim());
    if (m) out[m[1].replace(/^[^.]*\./, "")] = m[3];
  }
  return out;
}

const isLocal = (url: string) => /^file:|^https?:\/\/(localhost|127\.|\[::1\])/.test(url);

/**
 * Where pip should look. A machine whose pip is configured with only local extra indexes (as the
 * project's machines are) would still try PyPI first and wait on its retries: make the local index
 * the main one. A user's normal configuration is left alone.
 */
export function pipIndexEnv(config: Record<string, string>, env: Record<string, string | undefined> = process.env): Record<string, string> {
  if (env.PIP_INDEX_URL) return {};
  if (config["index-url"]) return { PIP_INDEX_URL: config["index-url"] };
  const extra = (config["extra-index-url"] ?? "").split(/\s+/).filter(Boolean);
  if (!extra.length || !extra.every(isLocal)) return {};
  return { PIP_INDEX_URL: extra[0], PIP_EXTRA_INDEX_URL: extra.slice(1).join(" ") };
}

export interface SetupResult {
  venvDir: string;
  seconds: number;
  indexEnv: Record<string, string>;
  created: boolean;
}

/** Creates the worker's venv (when missing) and pip-installs the pinned requirements into it. */
export async function setupTrainerVenv({ paths = trainerPaths(), log = () => {} }: { paths?: TrainerPaths; log?: (line: string) => void } = {}): Promise<SetupResult> {
  const started = Date.now();
  const python = basePython();
  const config = await runCommand(python, ["-m", "pip", "config", "list"]);
  const indexEnv = config.code === 0 ? pipIndexEnv(parsePipConfig(config.stdout)) : {};
  if (indexEnv.PIP_INDEX_URL) log(`pip index: ${indexEnv.PIP_INDEX_URL}${indexEnv.PIP_EXTRA_INDEX_URL ? ` (+ ${indexEnv.PIP_EXTRA_INDEX_URL})` : ""}`);
  const created = !fs.existsSync(paths.python);
  if (created) {
    log(`creating ${paths.venvDir} with ${python}`);
    const venv = await runCommand(python, ["-m", "venv", paths.venvDir]);
    if (venv.code !== 0) throw new DomainError("invalid", `could not create the venv at ${paths.venvDir} with ${python}: ${venv.stderr.trim() || venv.stdout.trim()}`);
  }
  log(`installing ${paths.requirements}`);
  const pip = await runCommand(paths.python, ["-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off", "-r", paths.requirements], {
    env: indexEnv,
    onLine: (line) => {
      if (/^(Collecting|Successfully|ERROR|Requirement already satisfied: (torch|transformers|trl|peft|datasets|accelerate)\b)/.test(line)) log(line);
    },
  });
  if (pip.code !== 0) {
    const tail = (pip.stderr || pip.stdout).trim().split("\n").slice(-8).join("\n");
    throw new DomainError("invalid", `pip install of the trainer's requirements failed:\n${tail}`);
  }
  return { venvDir: paths.venvDir, seconds: (Date.now() - started) / 1000, indexEnv, created };
}
