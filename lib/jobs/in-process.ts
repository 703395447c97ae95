import { getDb } from "@/db/client";
import { loadJobKinds } from "./kinds";
import { JobRunner } from "./runner";

const store = globalThis as typeof globalThis & { __flywheelInProcessRunner?: Promise<JobRunner> };

/**
 * Starts the studio server's own runner once per process (instrumentation.ts calls it), so jobs
 * run outside the request path without a separate worker. FLYWHEEL_JOBS=off leaves it to
 * `flywheel worker`.
 */
export function startInProcessRunner(): Promise<JobRunner> | undefined {
  if (process.env.FLYWHEEL_JOBS === "off") return undefined;
  store.__flywheelInProcessRunner ??= loadJobKinds().then(() => {
    const runner = new JobRunner({ db: getDb(), log: (line) => console.error(line) });
    runner.start();
    return runner;
  });
  return store.__flywheelInProcessRunner;
}
