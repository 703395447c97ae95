import { z } from "zod";
import type { NodeKind } from "./schema";

/**
 * The paper's policy tree (research/reference-pipeline.md §2): prose conditions, an action per
 * node, nested `next` lists. Their pipeline never validates it, so real outputs carry free-form
 * actions and outcomes; we read those best effort and say what we guessed.
 *
 * Our extension keys on a node (`id`, `guard`, `args`, `save_as`, `missing`, `reason`) and at the
 * top (`root_id`) let a studio tree survive export → import; the paper's tools ignore them.
 */
export type ReferenceNode = {
  condition: string;
  action: string;
  next: ReferenceNode[] | null;
  outcome?: string;
  [extension: string]: unknown;
};

export type ReferenceTree = {
  root_condition: string;
  allowed_actions: string[];
  disallowed_actions: string[];
  clarification_required: string[];
  tool_preconditions: Record<string, unknown>;
  refusal_conditions: string[];
  transfer_conditions: string[];
  branches: ReferenceNode[];
  [extension: string]: unknown;
};

/** What the paper's tree holds beyond our nodes, kept so export can write it back. */
export const ReferenceTreeMeta = z.object({
  rootCondition: z.string(),
  allowedActions: z.array(z.string()),
  disallowedActions: z.array(z.string()),
  clarificationRequired: z.array(z.string()),
  /** `{toolOrGroup: {must_have: [...]}}` exactly as given. */
  toolPreconditions: z.record(z.string(), z.unknown()),
  refusalConditions: z.array(z.string()),
  transferConditions: z.array(z.string()),
  /** Top-level keys outside the format, written back as they were. */
  extra: z.record(z.string(), z.unknown()),
  /** Per imported node: the action and outcome as written, and keys outside the format. */
  nodes: z.record(
    z.string(),
    z.object({
      action: z.string(),
      outcome: z.string().optional(),
      /** The whole condition, when it was too long for a label. */
      condition: z.string().optional(),
      extra: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  /** Leaves the importer added (a tool_call with next=null gets an execute leaf); export folds them back. */
  synthesized: z.array(z.string()),
});
export type ReferenceTreeMeta = z.infer<typeof ReferenceTreeMeta>;

/** The format nests; deeper than this it is not a policy a person wrote, and recursion must stop somewhere. */
export const MAX_NESTING = 500;

export const NODE_KEYS = ["condition", "action", "next", "outcome", "id", "guard", "args", "save_as", "saveAs", "missing", "reason"];
export const TOP_KEYS = [
  "root_condition",
  "allowed_actions",
  "disallowed_actions",
  "clarification_required",
  "tool_preconditions",
  "refusal_conditions",
  "transfer_conditions",
  "branches",
  "root_id",
];

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** True for the paper's policy tree (an object with a `branches` list), false for our TreeDoc. */
export function isReferenceTree(json: unknown): boolean {
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch {
      return false;
    }
  }
  return isObject(json) && Array.isArray(json.branches) && !("nodes" in json && "rootId" in json);
}

/** How an action string reads: a node kind, the tools it names, and whether it was a guess. */
export type ActionReading = { kind: NodeKind; tools: string[]; guessed: boolean };

const SYNONYMS: [RegExp, NodeKind][] = [
  [/^(clarify|ask|ask_clarification|request_clarification|request_info|ask_for_info)$/, "clarify"],
  [/^(request_confirmation|confirm|ask_confirmation|request_confirm)$/, "confirm"],
  [/^(refuse|deny|reject|decline|refuse_request)$/, "refuse"],
  [/^(transfer|escalate|transfer_to_human|handoff|hand_off|escalate_to_human)$/, "transfer"],
  [/^(abort|stop|end|terminate)$/, "abort"],
];
const CANONICAL = new Set(["proceed", "clarify", "request_confirmation", "refuse", "transfer", "abort"]);

/** Where an unknown action with no `next` ends, judged by its outcome ("denied", "escalated_to_human"). */
function leafFromOutcome(outcome: string | undefined): NodeKind {
  const o = (outcome ?? "").toLowerCase();
  if (/den|refus|reject|block/.test(o)) return "refuse";
  if (/escalat|human|transfer/.test(o)) return "transfer";
  if (/abort|declin|cancel/.test(o)) return "abort";
  if (/clarif|ask|missing/.test(o)) return "clarify";
  return "execute";
}

/** Reads `proceed`, `tool_call: a or b`, `warn_but_continue` …; `hasNext` decides proceed's kind. */
export function readAction(raw: string, hasNext: boolean, outcome?: string): ActionReading {
  const action = raw.trim();
  const call = /^(?:tool_call|call_tool|tool|call)\s*[:(]\s*(.*?)\s*\)?$/i.exec(action);
  if (call) {
    const tools = call[1].split(/\s+or\s+|\s+and\s+|\s*[,|/]\s*/).map((t) => t.trim().replace(/^`|`$/g, "")).filter(Boolean);
    return { kind: "tool_call", tools, guessed: false };
  }
  const word = action.toLowerCase().replace(/[\s-]+/g, "_");
  if (word === "tool_call") return { kind: "tool_call", tools: [], guessed: false };
  if (word === "proceed") return { kind: hasNext ? "decision" : "execute", tools: [], guessed: false };
  for (const [pattern, kind] of SYNONYMS) if (pattern.test(word)) return { kind, tools: [], guessed: !CANONICAL.has(word) };
  return { kind: hasNext ? "decision" : leafFromOutcome(outcome), tools: [], guessed: true };
}
