import { DomainError } from "@/lib/errors";
import { ReviewPolicy } from "./schema";

/**
 * The studio's review policy, from the environment: FLYWHEEL_REVIEW_OVERLAP (reviewers per case,
 * default 1) and FLYWHEEL_REVIEW_RULE (unanimous | majority, default unanimous).
 */
export function reviewPolicyFromEnv(env: Record<string, string | undefined> = process.env): ReviewPolicy {
  const parsed = ReviewPolicy.safeParse({
    overlap: env.FLYWHEEL_REVIEW_OVERLAP === undefined ? undefined : Number(env.FLYWHEEL_REVIEW_OVERLAP),
    rule: env.FLYWHEEL_REVIEW_RULE || undefined,
  });
  if (!parsed.success)
    throw new DomainError("internal", `Bad review policy in the environment (FLYWHEEL_REVIEW_OVERLAP 1–9, FLYWHEEL_REVIEW_RULE unanimous|majority): ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
