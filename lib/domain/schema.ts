import { z } from "zod";

/** A JSON schema object as the paper writes tools (parameters / outputs). Kept loose: checked by ajv-like logic in lib/env. */
export const JsonSchema: z.ZodType<Record<string, unknown>> = z.record(z.string(), z.unknown());

/**
 * Tool effects are data. Values are CEL expressions over:
 *   args (the call's arguments), state (the database), rec (records named in `reads`),
 *   and, inside forEach, the loop variable.
 */
export type EffectStep =
  | { op: "set"; table: string; key: string; field: string; value: string }
  | { op: "insert"; table: string; key: string; value: string }
  | { op: "delete"; table: string; key: string }
  | { op: "increment"; table: string; key: string; field: string; by: string }
  | { op: "append"; table: string; key: string; field: string; value: string }
  | { op: "remove"; table: string; key: string; field: string; value: string }
  | { op: "let"; name: string; value: string }
  | { op: "forEach"; over: string; as: string; steps: EffectStep[] }
  | { op: "if"; cond: string; steps: EffectStep[]; else?: EffectStep[] };

const cel = z.string().min(1).max(4000);
export const EffectStep: z.ZodType<EffectStep> = z.lazy(() =>
  z.discriminatedUnion("op", [
    z.object({ op: z.literal("set"), table: z.string(), key: cel, field: z.string(), value: cel }),
    z.object({ op: z.literal("insert"), table: z.string(), key: cel, value: cel }),
    z.object({ op: z.literal("delete"), table: z.string(), key: cel }),
    z.object({ op: z.literal("increment"), table: z.string(), key: cel, field: z.string(), by: cel }),
    z.object({ op: z.literal("append"), table: z.string(), key: cel, field: z.string(), value: cel }),
    z.object({ op: z.literal("remove"), table: z.string(), key: cel, field: z.string(), value: cel }),
    z.object({ op: z.literal("let"), name: z.string(), value: cel }),
    z.object({ op: z.literal("forEach"), over: cel, as: z.string(), steps: z.array(EffectStep) }),
    z.object({ op: z.literal("if"), cond: cel, steps: z.array(EffectStep), else: z.array(EffectStep).optional() }),
  ]),
);

export const Precondition = z.object({ check: cel, error: z.string() });
export type Precondition = z.infer<typeof Precondition>;

/** A record read before preconditions run: `rec.<name>` in later expressions; missing → error result. */
export const RecordRead = z.object({
  name: z.string(),
  table: z.string(),
  key: cel,
  /** Error text when the record is missing (default: "<table> <key> not found"). */
  notFound: z.string().optional(),
});

export const ToolEffect = z.discriminatedUnion("kind", [
  /** Look up one record by key; optionally project fields. */
  z.object({
    kind: z.literal("get"),
    table: z.string(),
    key: cel,
    fields: z.array(z.string()).optional(),
    notFound: z.string().optional(),
  }),
  /** Filter a table: `where` is CEL over `row` and `args`; returns {items:[…]} (projected). */
  z.object({
    kind: z.literal("filter"),
    table: z.string(),
    where: cel,
    fields: z.array(z.string()).optional(),
    /** Output key holding the list (default "items"). */
    as: z.string().optional(),
  }),
  /** A write: reads, preconditions, steps, then `returns` (CEL) as the output. */
  z.object({
    kind: z.literal("write"),
    reads: z.array(RecordRead).default([]),
    preconditions: z.array(Precondition).default([]),
    steps: z.array(EffectStep),
    returns: cel.optional(),
  }),
  /** Hands the conversation to a human; no state change. */
  z.object({ kind: z.literal("transfer") }),
]);
export type ToolEffect = z.infer<typeof ToolEffect>;

export const ToolSpec = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "tool names are identifiers"),
  description: z.string(),
  parameters: JsonSchema,
  outputs: JsonSchema.optional(),
  effect: ToolEffect,
});
export type ToolSpec = z.infer<typeof ToolSpec>;

/** The database: tables of records keyed by primary key. */
export const Database = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
export type Database = z.infer<typeof Database>;

/** A fact a user may know ("order_id"): names and types for guards over `user`. */
export const UserFact = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  type: z.enum(["string", "number", "boolean", "list"]),
  description: z.string().default(""),
});
export type UserFact = z.infer<typeof UserFact>;

export const DomainSpec = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "slugs use lowercase letters, digits and -").max(60),
  name: z.string().min(1).max(120),
  description: z.string().default(""),
  /** Natural-language policy (markdown), as the agent would read it. */
  policy: z.string().default(""),
  tools: z.array(ToolSpec),
  userFacts: z.array(UserFact).default([]),
  db: Database,
});
export type DomainSpec = z.infer<typeof DomainSpec>;
