import { policyLabel } from "./policy-label";

/** The reasoning page's durable jobs, newest first, titled from their inputs (so they survive a reload). */
export const FLYWHEEL_JOB_KINDS = ["reasoning.generate", "reasoning.eval", "reasoning.harden"] as const;

export type FlywheelJobRow = { id: number; kind: string; input: Record<string, unknown> };

/** A job's heading and what its items count. */
export function flywheelJobTitle(job: FlywheelJobRow): { title: string; unit: string } {
  const i = job.input;
  switch (job.kind) {
    case "reasoning.generate":
      return { title: `Generate ${i.count} problems (${i.domain})`, unit: "batches of up to 10 problems" };
    case "reasoning.eval":
      return { title: `Evaluate ${policyLabel(String(i.agent))} (${i.domain})`, unit: "problems" };
    case "reasoning.harden":
      return { title: `Harden failures of evaluation #${i.evalId} (${i.domain})`, unit: "failed problems" };
    default:
      return { title: job.kind, unit: "items" };
  }
}
