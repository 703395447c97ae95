import { randomBytes } from "node:crypto";
import { DomainError } from "@/lib/errors";
import { startEnvServer, tasksSource } from "@/lib/envserver";
import { runWorkerProcess } from "../process";
import type { TrainerBackend } from "../protocol";
import { resolveModelPath, writeJob } from "./job";
import { hasVenv, trainerPaths, workerEnv } from "./paths";

/**
 * GRPO on PyTorch + TRL. The studio serves the round's cases from its environment server (tools,
 * simulated user and reward stay in TypeScript); the Python worker (lib/train/trl/worker) runs
 * TRL's GRPOTrainer against it and reports on stdout in the job protocol.
 */
export const trlBackend: TrainerBackend = {
  backend: "trl",
  async run({ runId, spec, data, runDir, emit, signal }) {
    const paths = trainerPaths();
    if (!hasVenv(paths)) throw new DomainError("invalid", `the TRL trainer is not set up (no ${paths.venvDir}): run npx flywheel trainer setup`);
    const modelPath = resolveModelPath(spec, paths);
    if (!data.train.length) throw new DomainError("invalid", `${data.label} has no training cases`);
    const token = randomBytes(16).toString("hex");
    const source = tasksSource([...data.train.map((t) => ({ ...t, split: "train" as const })), ...data.validation.map((t) => ({ ...t, split: "validation" as const }))]);
    // every rollout of a step holds a session at once (the evaluation's come after them)
    const maxSessions = Math.max(spec.grpo.n * spec.grpo.batchSize, data.validation.length) + 16;
    const server = await startEnvServer({ source, token, maxSessions: Math.max(64, maxSessions) });
    try {
      const job = writeJob({ runId, spec, data, runDir, envUrl: server.url, envToken: token, modelPath, paths });
      emit({ type: "log", message: `TRL worker: ${modelPath} on ${data.label}; environment server at ${server.url}` });
      return await runWorkerProcess({ command: paths.python, args: ["-m", "flywheel_trl", "train", job], env: { ...process.env, ...workerEnv(paths) }, cwd: runDir, emit, signal });
    } finally {
      await server.close();
    }
  },
};
