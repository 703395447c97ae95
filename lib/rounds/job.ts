import { z } from "zod";
import { studioDb } from "@/db";
import { registerJobKind } from "@/lib/jobs/registry";
import { ensureStepJob, ROUND_STEP_KIND, runRoundStep } from "./driver";
import { ROUND_STEPS } from "./schema";

const StepJobInput = z.object({ roundId: z.number().int().positive(), step: z.enum(ROUND_STEPS), autoApprove: z.boolean().default(false) });

/**
 * `rounds.step`: one step of one round, one item. When the step is done it queues the next
 * step's job (before its own item is recorded, so a crash in between re-runs this step, which
 * finds the next job already designated and queues no second one). A round stops at review
 * (waiting for reviewers), at close, or at a failure; `flywheel round next` or the timeline's
 * button continue it.
 */
export const roundStepJob = registerJobKind({
  kind: ROUND_STEP_KIND,
  parseInput: (raw) => StepJobInput.parse(raw),
  prepareItems: (input) => [input],
  concurrency: 1,
  async runItem(input, { signal, jobId }) {
    const db = studioDb();
    const result = await runRoundStep({ db, roundId: input.roundId, step: input.step, jobId, signal, autoApprove: input.autoApprove });
    if (result.next) await ensureStepJob({ db, roundId: input.roundId, autoApprove: input.autoApprove });
    return result;
  },
});
