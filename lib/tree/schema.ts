import { z } from "zod";

/**
 * A behavior tree is stored flat: nodes keyed by id, each listing its children in order.
 * Flat storage is what lets validation report cycles and unreachable nodes at all (a nested
 * JSON document cannot express them), and it is what the editor edits.
 *
 * Semantics (executed by lib/env/interpreter):
 * - `decision` and `tool_call` have ordered, guarded children: the first child whose guard
 *   holds is taken (a Fallback of guarded Sequences). A child without a guard always holds.
 * - `tool_call` runs its tool first; the output is stored under `outputs[saveAs ?? tool]`.
 * - `confirm` asks the user to confirm: children[0] is taken when the user confirms,
 *   children[1] when they decline.
 * - the leaves end the branch: execute, clarify, refuse, transfer, abort.
 * Guards and argument bindings are CEL over `state` (the domain database), `user` (facts
 * the user has given) and `outputs` (earlier tool outputs).
 */
export const LEAF_KINDS = ["execute", "clarify", "refuse", "transfer", "abort"] as const;
export const INNER_KINDS = ["decision", "tool_call", "confirm"] as const;
export const NODE_KINDS = [...INNER_KINDS, ...LEAF_KINDS] as const;

export const LeafKind = z.enum(LEAF_KINDS);
export type LeafKind = z.infer<typeof LeafKind>;
export const NodeKind = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKind>;

export const NodeId = z.string().min(1).max(80).regex(/^[A-Za-z0-9_.:-]+$/, "ids use letters, digits, _ . : -");

export const TreeNode = z.object({
  id: NodeId,
  kind: NodeKind,
  /** What a curator reads: "Order is already shipped". */
  label: z.string().max(500),
  /** CEL; when absent the node is always enterable (an "else" branch). */
  guard: z.string().max(2000).optional(),
  children: z.array(NodeId).default([]),
  /** tool_call: the tool and its argument bindings (CEL expressions per parameter). */
  tool: z.string().optional(),
  args: z.record(z.string(), z.string()).optional(),
  /** tool_call: the key its output is kept under in `outputs` (default: the tool name). */
  saveAs: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  /** clarify: the user facts that are missing. */
  missing: z.array(z.string()).optional(),
  /** refuse / transfer / abort: the policy reason, in words. */
  reason: z.string().max(2000).optional(),
  /** Editor-only: subtree collapsed on the canvas. */
  collapsed: z.boolean().optional(),
});
export type TreeNode = z.infer<typeof TreeNode>;

export const TreeDoc = z.object({
  version: z.literal(1).default(1),
  rootId: NodeId,
  nodes: z.record(z.string(), TreeNode),
});
export type TreeDoc = z.infer<typeof TreeDoc>;

export const isLeafKind = (k: NodeKind): k is LeafKind => (LEAF_KINDS as readonly string[]).includes(k);

/** A node-addressed validation message. */
export const TreeIssue = z.object({
  nodeId: z.string().nullable(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
});
export type TreeIssue = z.infer<typeof TreeIssue>;

/** A root-to-leaf path. */
export const Branch = z.object({
  /** Stable id: the node ids joined by '>'. */
  id: z.string(),
  nodeIds: z.array(z.string()),
  outcome: LeafKind,
  leafId: z.string(),
  /** Guards along the path, in order, with the node they sit on. */
  guards: z.array(z.object({ nodeId: z.string(), guard: z.string() })),
  /** For confirm nodes on the path: whether the branch goes through "confirms" or "declines". */
  confirmations: z.array(z.object({ nodeId: z.string(), confirmed: z.boolean() })),
  /** Human-readable labels along the path. */
  labels: z.array(z.string()),
});
export type Branch = z.infer<typeof Branch>;

export type OutcomeCounts = Record<LeafKind, number>;
