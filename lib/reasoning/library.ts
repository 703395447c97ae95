import { z } from "zod";
import { ANSWER_KINDS, ANSWER_SOURCES } from "./schema";

/** The library's filters as the page sends them (query-string values, coerced). */
export const ProblemListQuery = z.object({
  domain: z.string().min(1).optional(),
  kind: z.enum(ANSWER_KINDS).optional(),
  source: z.enum(ANSWER_SOURCES).optional(),
  verdict: z.enum(["verified", "rejected"]).optional(),
  status: z.enum(["pending", "approved", "rejected"]).optional(),
  round: z.coerce.number().int().min(0).optional(),
  minDifficulty: z.coerce.number().min(0).optional(),
  maxDifficulty: z.coerce.number().min(0).optional(),
  maxPassRate: z.coerce.number().min(0).max(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;

export const ProblemReview = z.object({ status: z.enum(["pending", "approved", "rejected"]) });

/** "free-text" in the domain filter selects problems without a domain. */
export const FREE_TEXT = "free-text";
/** "all" in the export's domain selects every domain and free text alike. */
export const ALL_DOMAINS = "all";

/** A domain filter value as the problems query takes it: a slug, null for free text, undefined for all. */
export const domainScope = (value: string | null | undefined): string | null | undefined =>
  !value || value === ALL_DOMAINS ? undefined : value === FREE_TEXT ? null : value;
