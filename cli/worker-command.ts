import { getDb } from "@/db/client";
import { JobRunner, loadJobKinds } from "@/lib/jobs";
import type { Command } from "./commands";
import { args, fail, print, printJson } from "./io";

/** `flywheel worker [--once] [--concurrency N]`: the job runner in the foreground, against FLYWHEEL_DB. */
export const workerCommand: Command = {
  async run(argv) {
    const { values } = args(argv, { once: { type: "boolean" }, concurrency: { type: "string" } });
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`--concurrency must be a whole number ≥ 1, got "${values.concurrency}".`);
    await loadJobKinds();
    const runner = new JobRunner({ db: getDb(), concurrency, log: fail });
    if (values.once) {
      await runner.runUntilIdle();
      if (values.json) printJson({ owner: runner.owner, idle: true });
      else print("worker: no runnable job left");
      return 0;
    }
    if (!values.json) print(`worker ${runner.owner} running (Ctrl-C to stop)`);
    runner.start();
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await runner.stop(); // gives in-flight items back, so another worker takes them at once
    return 0;
  },
};
