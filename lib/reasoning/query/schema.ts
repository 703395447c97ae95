import { z } from "zod";

/**
 * The query language of data-analysis problems: a pipeline over a domain's JSON database that
 * starts at one anchor record (the entity the statement names), walks relations through ids,
 * filters, derives values and ends in one aggregate. Plain JSON, so it is stored, diffed and
 * mutated as data; `evaluateQuery` runs it and records which fields of which records it read.
 *
 * Paths are dotted: "placed_on", "patient.name" (a joined record), "parent.order_id" (the record
 * an unnested line came from).
 */
export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const Cmp = z.enum(["eq", "ne", "gt", "ge", "lt", "le"]);
export type Cmp = z.infer<typeof Cmp>;

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}/, "dates are YYYY-MM-DD");
const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "names are identifiers");
const path = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, "paths are dotted identifiers");

export const Step = z.discriminatedUnion("op", [
  /** One-to-many hop: the rows of `table` whose `fk` equals the current row's primary key. */
  z.object({ op: z.literal("children"), table: z.string(), fk: name }),
  /** Many-to-one hop (join through an id): attaches `table[row[field]]` as `as`. */
  z.object({ op: z.literal("join"), field: path, table: z.string(), as: name }),
  /** Each element of a list field (order lines) becomes a row; `parent.` reaches the record. */
  z.object({ op: z.literal("unnest"), field: name }),
  z.object({ op: z.literal("where"), field: path, cmp: Cmp, value: Scalar }),
  /** A date window, both ends included; dates compare on their first 10 characters. */
  z.object({ op: z.literal("window"), field: path, from: DateText, to: DateText }),
  /**
   * A computed value: sum_of / count_of a list field's elements (`field` names the element's
   * number), or days_between the date at `of` and the date at `to` (a path or a YYYY-MM-DD date).
   */
  z.object({ op: z.literal("derive"), name, fn: z.enum(["sum_of", "count_of", "days_between"]), of: path, field: name.optional(), to: z.string().optional() }),
]);
export type Step = z.infer<typeof Step>;

export const Result = z.discriminatedUnion("op", [
  z.object({ op: z.literal("count") }),
  z.object({ op: z.enum(["sum", "min", "max", "avg"]), field: path }),
  /** The row with the largest (smallest) `field`; the answer is its `pick`. Ties are ambiguous. */
  z.object({ op: z.enum(["argmax", "argmin"]), field: path, pick: path }),
  /** The `pick`s of the k rows with the largest (desc) or smallest (asc) `field`, in order. */
  z.object({ op: z.literal("top_k"), field: path, k: z.number().int().min(2).max(10), pick: path, order: z.enum(["desc", "asc"]) }),
  /** The distinct values of `field`, as a set. */
  z.object({ op: z.literal("distinct"), field: path }),
  /** Groups rows by `by`; the answer is the group whose count (or sum of `field`) is largest. */
  z.object({ op: z.literal("group_best"), by: path, agg: z.enum(["count", "sum"]), field: path.optional() }),
]);
export type Result = z.infer<typeof Result>;

export const Query = z.object({
  anchor: z.object({ table: z.string(), key: z.string() }),
  steps: z.array(Step).max(20),
  result: Result,
});
export type Query = z.infer<typeof Query>;

/** A record the problem adds to (or replaces in) the domain's database: a distractor. */
export const PatchRecord = z.object({ table: z.string(), key: z.string(), record: z.record(z.string(), z.unknown()) });
export type PatchRecord = z.infer<typeof PatchRecord>;

/**
 * The solution program: one query, or two composed (the answer is the list of both answers),
 * over the domain's database with `db_patch` applied.
 */
export const Program = z.object({
  queries: z.array(Query).min(1).max(3),
  db_patch: z.array(PatchRecord).default([]),
});
export type Program = z.infer<typeof Program>;
