import path from "node:path";
import { runWorkerProcess } from "@/lib/train/process";
import type { TrainerBackend } from "@/lib/train/protocol";
import { writeJobFile } from "./job-file";

/** How long a stopping worker may take to finish its step and save before it is killed. */
const STOP_GRACE_MS = 120_000;

/**
 * The built-in backend: a small GPT-style policy trained on tfjs in a child process
 * (`flywheel train-worker <job.json>`), so a long run never blocks the studio's event loop and a
 * stop is a SIGTERM (the worker finishes its step, saves a checkpoint and ends STOPPED).
 */
export const builtinBackend: TrainerBackend = {
  backend: "builtin",
  run({ runId, spec, data, runDir, emit, signal }) {
    const jobFile = writeJobFile({ runId, spec, data, runDir });
    const root = process.env.FLYWHEEL_ROOT ?? process.cwd();
    return runWorkerProcess({
      command: process.execPath,
      args: [path.join(/*turbopackIgnore: true*/ root, "bin/flywheel.mjs"), "train-worker", jobFile],
      cwd: root,
      emit,
      signal,
      graceMs: STOP_GRACE_MS,
    });
  },
};
