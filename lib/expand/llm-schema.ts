import { z } from "zod";
import { NodeKind } from "@/lib/tree/schema";
import type { NestedNode } from "./nested";

/**
 * What the model writes: the tree nested, each node with its children inline (a model keeps a
 * nested structure consistent far more easily than ids cross-referenced in a flat map). Ids are
 * optional; when the current tree is shown, the model keeps the ids of the nodes it keeps, so the
 * proposal diffs cleanly against it. Nulls are accepted for absent fields (models send them).
 */
export const ProposedNode: z.ZodType<NestedNode> = z.lazy(() =>
  z.object({
    id: z.string().nullish().transform((v) => v ?? undefined),
    kind: NodeKind,
    label: z.string().min(1).max(500),
    guard: z.string().nullish().transform((v) => v ?? undefined),
    tool: z.string().nullish().transform((v) => v ?? undefined),
    args: z.record(z.string(), z.string()).nullish().transform((v) => v ?? undefined),
    saveAs: z.string().nullish().transform((v) => v ?? undefined),
    missing: z.array(z.string()).nullish().transform((v) => v ?? undefined),
    reason: z.string().nullish().transform((v) => v ?? undefined),
    children: z.array(ProposedNode).nullish().transform((v) => v ?? undefined),
  }),
) as unknown as z.ZodType<NestedNode>;

export const TreeProposal = z.object({
  root: ProposedNode,
  /** What the model wants the curator to know: assumptions, guards to check. */
  notes: z.array(z.string()).nullish().transform((v) => v ?? []),
});
export type TreeProposal = z.infer<typeof TreeProposal>;

/** The json_schema name the expander asks for (and the OpenAI double's scenario answers). */
export const TREE_PROPOSAL_SCHEMA = "tree_proposal";
