import { DomainError } from "@/lib/errors";
import { NodeId, isLeafKind, type NodeKind, type TreeDoc, type TreeNode } from "./schema";
import { MAX_NESTING, NODE_KEYS, TOP_KEYS, isObject, isReferenceTree, readAction, type ReferenceTreeMeta } from "./reference-format";

/**
 * Imports the paper's policy tree best effort. Conditions are prose, so they become labels and
 * guards stay empty for a curator to write. Every guess (an unknown action, a tool group, a
 * missing confirm answer, a leaf action with children) is kept and named in `warnings`.
 */
export type ReferenceImport = { doc: TreeDoc; meta: ReferenceTreeMeta; warnings: string[] };

const LABEL_MAX = 500;
const DECLINES = /\b(declin\w*|reject\w*|refus\w*|says no|do(es)?n'?t confirm|does not confirm|not confirm\w*|disagree\w*|no)\b/i;
const CONFIRMS = /\b(confirm\w*|agree\w*|accept\w*|approv\w*|yes)\b/i;

function unwrap(json: unknown, warnings: string[]): Record<string, unknown> {
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (e) {
      throw new DomainError("invalid", `Policy tree is not JSON: ${(e as Error).message}`);
    }
  }
  if (isObject(json) && !isReferenceTree(json)) {
    const inner = Object.entries(json).filter(([, v]) => isReferenceTree(v));
    if (inner.length === 1) {
      warnings.push(`The policy tree was wrapped in "${inner[0][0]}"; read the inner object`);
      json = inner[0][1];
    }
  }
  if (!isReferenceTree(json)) throw new DomainError("invalid", 'Not a policy tree: expected an object with a "branches" list');
  return json as Record<string, unknown>;
}

function strings(value: unknown, where: string, warnings: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.push(`${where}: expected a list of strings; read it as one item`);
    return [typeof value === "string" ? value : JSON.stringify(value)];
  }
  return value.map((item, i) => {
    if (typeof item === "string") return item;
    warnings.push(`${where}[${i}]: not a string; kept as JSON text`);
    return JSON.stringify(item);
  });
}

export function importReferenceTree(json: unknown): ReferenceImport {
  const warnings: string[] = [];
  const raw = unwrap(json, warnings);
  const nodes: Record<string, TreeNode> = {};
  const meta: ReferenceTreeMeta = {
    rootCondition: typeof raw.root_condition === "string" ? raw.root_condition : "",
    allowedActions: strings(raw.allowed_actions, "allowed_actions", warnings),
    disallowedActions: strings(raw.disallowed_actions, "disallowed_actions", warnings),
    clarificationRequired: strings(raw.clarification_required, "clarification_required", warnings),
    toolPreconditions: isObject(raw.tool_preconditions) ? raw.tool_preconditions : {},
    refusalConditions: strings(raw.refusal_conditions, "refusal_conditions", warnings),
    transferConditions: strings(raw.transfer_conditions, "transfer_conditions", warnings),
    extra: Object.fromEntries(Object.entries(raw).filter(([k]) => !TOP_KEYS.includes(k))),
    nodes: {},
    synthesized: [],
  };
  if (raw.tool_preconditions !== undefined && !isObject(raw.tool_preconditions)) {
    warnings.push("tool_preconditions: expected an object of {tool: {must_have: [...]}}; dropped");
  }

  const uniqueId = (wanted: unknown, fallback: string): string => {
    if (typeof wanted === "string" && NodeId.safeParse(wanted).success && !nodes[wanted]) return wanted;
    let id = fallback;
    for (let n = 2; nodes[id]; n++) id = `${fallback}-${n}`;
    return id;
  };
  const add = (node: TreeNode): string => ((nodes[node.id] = node), node.id);
  const leaf = (wanted: string, kind: NodeKind, label: string, extra: Partial<TreeNode> = {}): string => {
    const id = add({ id: uniqueId(undefined, wanted), kind, label, children: [], ...extra });
    meta.synthesized.push(id);
    return id;
  };
  const importer = { nodes, meta, warnings, uniqueId, add, leaf, seen: new WeakSet<object>() };

  const branches = raw.branches as unknown[];
  const rootWanted = typeof raw.root_id === "string" ? raw.root_id : undefined;
  const single = branches.length === 1 && isObject(branches[0]) ? branches[0] : null;
  let rootId: string;
  if (rootWanted && single && (single.id ?? "b0") === rootWanted) {
    // An exported tree whose root was not a decision: its one branch is the root.
    rootId = importNode(importer, single, "branches[0]", "b0")!;
  } else {
    rootId = uniqueId(rootWanted, "root");
    if (!meta.rootCondition) warnings.push("root_condition: missing; the root is labelled \"Policy\"");
    add({ id: rootId, kind: "decision", label: clip(meta.rootCondition || "Policy", "root_condition", warnings), children: [] });
    if (branches.length === 0) warnings.push("branches: empty; the tree has only its root");
    nodes[rootId].children = branches
      .map((b, i) => importNode(importer, b, `branches[${i}]`, `b${i}`))
      .filter((id): id is string => id !== null);
  }
  return { doc: { version: 1, rootId, nodes }, meta, warnings };
}

/** Labels hold 500 characters; a longer condition is cut in the label and kept whole in meta. */
export function clipLabel(text: string): string {
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 3)}...`;
}

function clip(text: string, where: string, warnings: string[]): string {
  if (text.length > LABEL_MAX) warnings.push(`${where}: longer than ${LABEL_MAX} characters; the label is cut, the full text is kept for export`);
  return clipLabel(text);
}

type Importer = {
  nodes: Record<string, TreeNode>;
  meta: ReferenceTreeMeta;
  warnings: string[];
  uniqueId: (wanted: unknown, fallback: string) => string;
  add: (node: TreeNode) => string;
  leaf: (id: string, kind: NodeKind, label: string, extra?: Partial<TreeNode>) => string;
  seen: WeakSet<object>;
};

function readNext(raw: Record<string, unknown>, where: string, warnings: string[]): unknown[] {
  const next = raw.next === undefined && Array.isArray(raw.children) ? raw.children : raw.next;
  if (raw.next === undefined && Array.isArray(raw.children)) warnings.push(`${where}: "children" read as "next"`);
  if (next === null || next === undefined) return [];
  if (Array.isArray(next)) return next;
  if (isObject(next)) {
    warnings.push(`${where}.next: a single node instead of a list; read as a list of one`);
    return [next];
  }
  warnings.push(`${where}.next: expected a list of nodes or null, got ${JSON.stringify(next)}; ignored`);
  return [];
}

/** Our extension keys, when present and well-formed. */
function extensions(raw: Record<string, unknown>): Partial<TreeNode> {
  const out: Partial<TreeNode> = {};
  if (typeof raw.guard === "string" && raw.guard.trim()) out.guard = raw.guard;
  if (isObject(raw.args) && Object.values(raw.args).every((v) => typeof v === "string")) out.args = raw.args as Record<string, string>;
  const saveAs = raw.save_as ?? raw.saveAs;
  if (typeof saveAs === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(saveAs)) out.saveAs = saveAs;
  if (Array.isArray(raw.missing) && raw.missing.every((v) => typeof v === "string")) out.missing = raw.missing as string[];
  if (typeof raw.reason === "string") out.reason = raw.reason;
  return out;
}

function importNode(im: Importer, raw: unknown, where: string, pathId: string, depth = 1): string | null {
  if (!isObject(raw)) {
    im.warnings.push(`${where}: not a node object; skipped`);
    return null;
  }
  if (im.seen.has(raw)) {
    im.warnings.push(`${where}: the same node object appears twice (a cycle); skipped`);
    return null;
  }
  im.seen.add(raw);
  if (depth > MAX_NESTING) throw new DomainError("limit", `${where.slice(0, 60)}…: nested deeper than ${MAX_NESTING} levels`);
  const condition = typeof raw.condition === "string" ? raw.condition.trim() : raw.condition === undefined ? "" : JSON.stringify(raw.condition);
  if (typeof raw.condition !== "string" && raw.condition !== undefined) im.warnings.push(`${where}.condition: not a string; kept as JSON text`);
  const outcome = typeof raw.outcome === "string" ? raw.outcome : undefined;
  const next = readNext(raw, where, im.warnings);
  let action = typeof raw.action === "string" ? raw.action : "";
  if (!action) {
    action = next.length > 0 ? "proceed" : "";
    im.warnings.push(`${where}: no action; read as ${next.length > 0 ? "proceed" : "an end of the branch"}`);
  }
  const reading = readAction(action, next.length > 0, outcome);
  const id = im.uniqueId(raw.id, pathId);
  const label = clip(condition || action || "(no condition)", `${where}.condition`, im.warnings);
  const extra = Object.fromEntries(Object.entries(raw).filter(([k]) => !NODE_KEYS.includes(k) && !(k === "children" && raw.next === undefined)));
  im.meta.nodes[id] = {
    action,
    ...(outcome !== undefined ? { outcome } : {}),
    ...(label !== condition && condition ? { condition } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
  if (reading.guessed && action) im.warnings.push(`${where}: action "${action}" is not in the format; read as ${reading.kind}`);

  const node: TreeNode = { id, kind: reading.kind, label, children: [], ...extensions(raw) };
  if (isLeafKind(node.kind) && node.kind !== "execute" && node.kind !== "clarify" && node.reason === undefined) node.reason = condition || undefined;
  if (node.kind === "clarify" && !node.missing) node.missing = [];
  if (node.kind === "tool_call") {
    if (reading.tools.length === 0) im.warnings.push(`${where}: "${action}" names no tool; set one on ${id}`);
    if (reading.tools.length > 1) im.warnings.push(`${where}: "${action}" is a group of tools; imported as ${reading.tools[0]}, choose per branch`);
    node.tool = reading.tools[0];
  }
  im.add(node);
  const children = next
    .map((child, i) => importNode(im, child, `${where}.next[${i}]`, `${pathId}.${i}`, depth + 1))
    .filter((c): c is string => c !== null);

  if (isLeafKind(node.kind) && children.length > 0) {
    // A leaf action followed by more conditions: keep both, the leaf as the last (fallback) child.
    im.warnings.push(`${where}: "${action}" ends a branch but has ${children.length} next node(s); imported as a decision whose last child is the ${node.kind}`);
    const { guard: _guard, ...leafFields } = node;
    const leafId = im.uniqueId(undefined, `${id}.end`);
    im.add({ ...leafFields, id: leafId, children: [] });
    im.nodes[id] = { id, kind: "decision", label, children: [...children, leafId], ...(node.guard ? { guard: node.guard } : {}) };
  } else if (node.kind === "confirm") {
    node.children = confirmChildren(im, id, children, where);
  } else if (node.kind === "tool_call" && children.length === 0) {
    node.children = [im.leaf(`${id}.done`, "execute", `${node.tool ?? "The tool"} done`)];
  } else {
    node.children = children;
  }
  return id;
}

/** children[0] must be "confirms", children[1] "declines"; fills in a missing one. */
function confirmChildren(im: Importer, id: string, children: string[], where: string): string[] {
  const declines = (c: string | undefined) => !!c && DECLINES.test(im.nodes[c].label) && !CONFIRMS.test(im.nodes[c].label);
  let yes: string | undefined = children[0];
  let no: string | undefined = children[1];
  if (children.length === 2 && declines(yes) && !declines(no) && CONFIRMS.test(im.nodes[no].label)) {
    im.warnings.push(`${where}: the "declines" answer came first; swapped so the confirming child is first`);
    [yes, no] = [no, yes];
  }
  if (children.length === 1 && declines(yes)) [yes, no] = [undefined, yes];
  if (!yes) {
    im.warnings.push(`${where}: no "user confirms" answer; added an execute leaf`);
    yes = im.leaf(`${id}.yes`, "execute", "User confirms");
  }
  if (!no) {
    im.warnings.push(`${where}: no "user declines" answer; added an abort leaf`);
    no = im.leaf(`${id}.no`, "abort", "User declines", { reason: "The user declined." });
  }
  if (children.length > 2) im.warnings.push(`${where}: request_confirmation has ${children.length} answers; a confirm takes 2, the rest are kept for you to move`);
  return [yes, no, ...children.filter((c) => c !== yes && c !== no)];
}
