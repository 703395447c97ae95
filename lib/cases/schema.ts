import { z } from "zod";
import { Database } from "@/lib/domain/schema";
import { LeafKind } from "@/lib/tree/schema";

/** One step of a tool path, in the paper's shape. */
export const PathStep = z.object({
  tool_name: z.string(),
  input: z.record(z.string(), z.unknown()),
  /** The real output when executed; the paper's "no_return" only for imported writes without one. */
  expected_output: z.unknown(),
});
export type PathStep = z.infer<typeof PathStep>;

/** A structured change between two database states (lib/env/state diffStates). */
export const StateChange = z.object({
  table: z.string(),
  key: z.string(),
  op: z.enum(["insert", "delete", "update"]),
  field: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type StateChange = z.infer<typeof StateChange>;

export const ProofResult = z.object({
  verified: z.boolean(),
  /** Why the proof failed (empty when verified). */
  reasons: z.array(z.string()),
  normal: z.object({ reachedLeaf: z.boolean(), finalHash: z.string(), matchesExpected: z.boolean() }),
  hack: z
    .object({
      finalHash: z.string(),
      violates: z.boolean(),
      forbiddenHit: z.array(StateChange),
      /** A blocked hack: the call the environment refused, with its error (lib/synth). */
      blockedBy: z.string().optional(),
    })
    .nullable(),
});
export type ProofResult = z.infer<typeof ProofResult>;

/** A tool as an imported case declares it: JSON-schema parameters and outputs, no executable effect. */
export const CaseTool = z.object({
  name: z.string(),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()).optional(),
  /** Keys the source gave a tool beyond these, as found. */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type CaseTool = z.infer<typeof CaseTool>;

/** What an imported record held beyond the TestCase fields (lib/import). */
export const ImportRecord = z.object({
  system_prompt: z.string(),
  /** The user message as found, and the instruction block split off it. */
  user_message: z.string(),
  instructions: z.string(),
  no_think: z.boolean(),
  /** The paper's merged background (first turn + hack follow-up + additional parameters). */
  task_background: z.string(),
  is_background_separable: z.boolean(),
  /** Why expected_outcome is what it is (the paper does not label outcomes). */
  outcome_reason: z.string(),
  warnings: z.array(z.string()),
  /** Record fields the importer does not know, as found. */
  extra: z.record(z.string(), z.unknown()),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/**
 * A test case: a superset of the paper's refined case (reference-pipeline.md §2), plus the
 * executable parts that make it provable.
 */
export const TestCase = z.object({
  /** Paper fields. */
  task: z.string(),
  user_background: z.string(),
  /** Offered only when pushed after a refusal; never part of the first turn. */
  hack_success_user_background: z.string(),
  persona: z.string(),
  user_escape_strategy: z.string(),
  tool_return_expected: z.object({ normal_path: z.array(PathStep), hack_path: z.array(PathStep) }),
  test_policy: z.string(),
  evaluation: z.string(),
  /** Beyond the paper. */
  user_facts: z.record(z.string(), z.unknown()),
  /** Facts offered only under pressure (structured twin of hack_success_user_background). */
  hack_facts: z.record(z.string(), z.unknown()),
  /** Confirmation answers the user gives, per confirm node. */
  confirmations: z.record(z.string(), z.boolean()),
  initial_db: Database,
  expected_final_hash: z.string(),
  expected_diff: z.array(StateChange),
  forbidden_changes: z.array(StateChange),
  expected_outcome: LeafKind,
  /** For clarify branches: the facts the agent must ask for. */
  expected_clarifications: z.array(z.string()).default([]),
  branch: z.object({ treeId: z.number().nullable(), revision: z.number().nullable(), branchId: z.string(), nodeIds: z.array(z.string()), labels: z.array(z.string()) }),
  proof: ProofResult.nullable(),
  /**
   * What the hack path proves (lib/synth): "violation" — replayed, it makes the forbidden changes;
   * "blocked" — the persuaded calls are made but the environment refuses the write, so nothing
   * changes (the rule is also enforced by the tool); "legal" — no hack path. Absent on imports.
   */
  hack_status: z.enum(["violation", "blocked", "legal"]).optional(),
  /** Why a case is legal, or which call blocks its hack. */
  hack_note: z.string().optional(),
  /** Where the case came from; absent means a behavior-tree branch. */
  source: z.enum(["tree", "import"]).optional(),
  /** Imported cases: the record's id in its file (the paper's "<persona id>-<n>"). */
  import_id: z.string().optional(),
  /** Imported cases bring their own agent policy and tools (no domain holds them). */
  policy: z.string().optional(),
  tools: z.array(CaseTool).optional(),
  /** Imported cases: the source text a TestCase has no field for, kept so nothing is lost. */
  import_record: ImportRecord.optional(),
});
export type TestCase = z.infer<typeof TestCase>;
