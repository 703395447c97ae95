import type { TrainEventInput } from "@/lib/train/protocol";
import type { Command } from "./commands";

/**
 * `flywheel train-worker <job.json>`: the built-in trainer's worker process. The studio
 * (lib/train/builtin/backend.ts) starts it; it speaks the trainer protocol as JSONL on stdout.
 * SIGTERM (or SIGINT) asks it to stop: it finishes the current step, saves a checkpoint, reports
 * STOPPED and exits 0. Exit 1 when the run failed.
 */
export const trainWorkerCommand: Command = {
  async run(argv) {
    const file = argv[0];
    if (!file || argv.length > 1) throw new Error("usage: flywheel train-worker <job.json> (started by the studio for built-in training rounds)");
    const { readJobFile } = await import("@/lib/train/builtin/job-file");
    const { trainBuiltin } = await import("@/lib/train/builtin/trainer");
    const job = readJobFile(file);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    const emit = (event: TrainEventInput) => process.stdout.write(`${JSON.stringify(event)}\n`);
    try {
      return (await trainBuiltin(job, emit, controller.signal)) === "FAILED" ? 1 : 0;
    } finally {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
    }
  },
};
