import { z } from "zod";
import { studioDb } from "@/db";
import { registerJobKind } from "@/lib/jobs/registry";
import { runRound } from "./round";

/**
 * A training round as a durable job: one item, the run. The heavy work happens in the backend's
 * own process (a worker child, a Ray cluster); this item relays events and stop requests. A
 * crash of the owner re-runs the item, which finds the run RUNNING and fails it (a half-finished
 * training run is not resumed from the middle; its checkpoints stay).
 */
export const trainRoundJob = registerJobKind({
  kind: "train.round",
  parseInput: (raw) => z.object({ runId: z.number().int().positive() }).parse(raw),
  prepareItems: (input) => [input],
  concurrency: 1,
  runItem: async ({ runId }, ctx) => ({ status: await runRound({ db: studioDb(), runId, signal: ctx.signal }) }),
});
