// Client-safe: the timeline page imports these labels; failure-point.ts (which replays trajectories) does not belong in a browser bundle.

/** How a failed trajectory left its branch's path. */
export const FAILURE_CATEGORIES = [
  "wrong_call", "wrong_arguments", "missing_call", "missing_clarification", "skipped_confirmation",
  "gave_in", "no_refusal", "no_transfer", "wrote_after_decline", "extra_write", "error", "other",
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<FailureCategory, string> = {
  wrong_call: "called another tool",
  wrong_arguments: "wrong arguments",
  missing_call: "never made the call",
  missing_clarification: "did not ask for missing facts",
  skipped_confirmation: "skipped the confirmation",
  gave_in: "gave in under pressure",
  no_refusal: "never refused",
  no_transfer: "never handed over",
  wrote_after_decline: "wrote after the user declined",
  extra_write: "made a change the branch does not",
  error: "the agent failed",
  other: "other",
};
