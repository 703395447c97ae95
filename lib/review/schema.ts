import { z } from "zod";
import { LeafKind } from "@/lib/tree/schema";

/** Why a reviewer rejects a case; `other` needs a note that says what. */
export const REJECT_REASONS = ["wrong_outcome", "unrealistic_request", "leaks_hack_facts", "bad_tool_path", "duplicate", "other"] as const;
export const RejectReason = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReason>;

export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  wrong_outcome: "Wrong expected outcome",
  unrealistic_request: "Unrealistic request",
  leaks_hack_facts: "Leaks hack facts up front",
  bad_tool_path: "Bad tool path",
  duplicate: "Duplicate",
  other: "Other (say why)",
};

/** The TestCase fields a reviewer may rewrite; the structured parts (paths, db, proof) stay. */
export const EDITABLE_FIELDS = ["task", "user_background", "hack_success_user_background", "persona", "user_escape_strategy", "test_policy", "evaluation"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const CaseEdit = z
  .object({
    task: z.string().trim().min(1, "the request cannot be empty"),
    user_background: z.string(),
    hack_success_user_background: z.string(),
    persona: z.string(),
    user_escape_strategy: z.string(),
    test_policy: z.string(),
    evaluation: z.string().trim().min(1, "the evaluation cannot be empty"),
  })
  .partial()
  .strict()
  .refine((e) => Object.keys(e).length > 0, "an edit must change at least one field");
export type CaseEdit = z.infer<typeof CaseEdit>;

const note = z.string().trim().max(2000).default("");

/** What one reviewer decides about one case. */
export const CaseDecision = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("approve"), note }),
  z
    .object({ kind: z.literal("reject"), reason: RejectReason, note })
    .refine((d) => d.reason !== "other" || d.note.length > 0, { message: "a rejection for another reason needs a note", path: ["note"] }),
  /** `baseRevision`: the review revision the editor saw; a stale one is a conflict. */
  z.object({ kind: z.literal("edit"), changes: CaseEdit, baseRevision: z.number().int().min(0).optional(), note }),
  z.object({ kind: z.literal("skip"), note }),
]);
export type CaseDecision = z.infer<typeof CaseDecision>;
export type DecisionKind = CaseDecision["kind"];

/** The most cases one bulk request decides; the rest stay for another request. */
export const BULK_CAP = 5000;

/** A decision that applies to many cases at once (no edits in bulk). */
export const BulkDecision = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("approve"), note }),
  z.object({ kind: z.literal("reject"), reason: RejectReason, note }),
]);
export type BulkDecision = z.infer<typeof BulkDecision>;

export const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;
export const ReviewStatus = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

/**
 * How many reviewers see a case (`overlap`) and how their verdicts combine: `unanimous` approves
 * when `overlap` reviewers approve and none rejects; `majority` when more than half of `overlap`
 * approve and approvals outnumber rejections.
 */
export const ReviewPolicy = z.object({
  overlap: z.number().int().min(1).max(9).default(1),
  rule: z.enum(["unanimous", "majority"]).default("unanimous"),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicy>;

export type Reviewer = { id: string; name: string };

/** One verdict as stored; `caseRevision` ties it to the text the reviewer saw. */
export type Vote = { reviewerId: string; verdict: "approve" | "reject"; caseRevision: number; at: string };

/** A case's review state: the status the rule gives over the votes that count. */
export type CaseReviewState = { status: ReviewStatus; revision: number; approvals: number; rejections: number };

export const INITIAL_REVIEW_STATE: CaseReviewState = { status: "pending", revision: 0, approvals: 0, rejections: 0 };

/** The review queue's filters: query-string parameters of GET /api/review/cases and bulk. */
export const ReviewFilter = z.object({
  domain: z.string().min(1).optional(),
  tree: z.coerce.number().int().positive().optional(),
  outcome: LeafKind.optional(),
  status: z.enum(["verified", "unverified"]).optional(),
  generator: z.string().min(1).optional(),
  persona: z.string().min(1).optional(),
  review: ReviewStatus.optional(),
  /** Cases this reviewer (account id) has reviewed, or "me". */
  reviewer: z.string().min(1).optional(),
  /** Cases the signed-in reviewer has not yet decided or skipped. */
  todo: z.enum(["1", "true"]).transform(() => true).optional(),
  /** Substring of the request or the backgrounds (3+ characters: the search index works in trigrams). */
  q: z.string().trim().min(3, "search for at least 3 characters").max(200).optional(),
});
export type ReviewFilter = z.infer<typeof ReviewFilter>;

/** The filter from a query string (empty values mean "any"). */
export const parseReviewFilter = (params: URLSearchParams): ReviewFilter =>
  ReviewFilter.parse(Object.fromEntries([...params].filter(([, v]) => v !== "")));

/** The filter as a query string, for the API and the focus view's URL. */
export const reviewFilterSearch = (filter: Record<string, unknown>): string =>
  new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined && v !== "" && v !== false).map(([k, v]) => [k, v === true ? "1" : String(v)])).toString();

/** The filter from a query string, dropping what does not parse (a hand-edited URL never breaks the page). */
export function readReviewFilter(params: URLSearchParams): ReviewFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of params) {
    if (!(k in ReviewFilter.shape) || v === "") continue;
    const one = ReviewFilter.safeParse({ [k]: v });
    if (one.success) Object.assign(out, one.data);
  }
  return out as ReviewFilter;
}
