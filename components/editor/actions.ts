import { NODE_KINDS, isLeafKind, type NodeKind } from "@/lib/tree/schema";
import { KIND_STYLES } from "./kind-styles";
import type { EditorStore, EditorStoreApi } from "./store";

/**
 * Every user action once: the toolbar renders these, the keyboard runs them, and the shortcuts
 * help lists them. `run` calls one store action, so one action is one undo step.
 */
export type ActionContext = {
  store: EditorStoreApi;
  save(): void;
  fitView(): void;
  focusSearch(): void;
};

export type EditorAction = {
  id: string;
  label: string;
  /** Display form, also what the keyboard matches: "Ctrl+Shift+Z", "Delete", "/". */
  shortcuts?: string[];
  /** Whether the shortcut also fires while typing in a field. */
  worksInFields?: boolean;
  isEnabled?(s: EditorStore): boolean;
  run(ctx: ActionContext): void;
};

const editable = (s: EditorStore) => s.document !== null && s.preview === null && s.proposal === null;
const selected = (s: EditorStore) => (s.selectedId && s.document ? s.document.nodes[s.selectedId] : undefined);

/** Whether the node a child would be added to (the selection, else the root) takes one more. */
export function canAddChild(s: EditorStore): boolean {
  if (!editable(s)) return false;
  const parent = selected(s) ?? s.document!.nodes[s.document!.rootId];
  if (!parent || isLeafKind(parent.kind)) return false;
  return parent.kind !== "confirm" || parent.children.length < 2;
}

const addChildAction = (kind: NodeKind): EditorAction => ({
  id: `add-child-${kind}`,
  label: KIND_STYLES[kind].title,
  isEnabled: canAddChild,
  run: ({ store }) => store.getState().addChild(kind),
});

export const ADD_CHILD_ACTIONS: EditorAction[] = NODE_KINDS.map(addChildAction);

export const EDITOR_ACTIONS: EditorAction[] = [
  { id: "undo", label: "Undo", shortcuts: ["Ctrl+Z"], worksInFields: true, isEnabled: (s) => editable(s) && s.history.past.length > 0, run: ({ store }) => store.getState().undo() },
  { id: "redo", label: "Redo", shortcuts: ["Ctrl+Shift+Z", "Ctrl+Y"], worksInFields: true, isEnabled: (s) => editable(s) && s.history.future.length > 0, run: ({ store }) => store.getState().redo() },
  { id: "save", label: "Save", shortcuts: ["Ctrl+S"], worksInFields: true, isEnabled: (s) => editable(s) && s.isDirty, run: (ctx) => ctx.save() },
  { id: "delete-node", label: "Delete subtree", shortcuts: ["Delete"], isEnabled: (s) => editable(s) && !!selected(s) && s.selectedId !== s.document!.rootId, run: ({ store }) => store.getState().deleteSelected() },
  { id: "move-up", label: "Move up", shortcuts: ["Alt+ArrowUp"], isEnabled: (s) => editable(s) && !!selected(s), run: ({ store }) => store.getState().moveSelected("up") },
  { id: "move-down", label: "Move down", shortcuts: ["Alt+ArrowDown"], isEnabled: (s) => editable(s) && !!selected(s), run: ({ store }) => store.getState().moveSelected("down") },
  { id: "toggle-collapse", label: "Collapse / expand", shortcuts: ["C"], isEnabled: (s) => editable(s) && (selected(s)?.children.length ?? 0) > 0, run: ({ store }) => store.getState().toggleCollapsed() },
  { id: "fit-view", label: "Fit view", shortcuts: ["F"], run: (ctx) => ctx.fitView() },
  { id: "focus-search", label: "Search nodes", shortcuts: ["/"], run: (ctx) => ctx.focusSearch() },
  { id: "clear-selection", label: "Clear selection and highlight", shortcuts: ["Escape"], run: ({ store }) => { store.getState().select(null); store.getState().highlightBranch(null); } },
];

/** Shortcuts that live in one field rather than on the window; listed in the help too. */
export const FIELD_SHORTCUTS: { keys: string; label: string }[] = [
  { keys: "Enter / Shift+Enter", label: "next / previous search match" },
];

/** "Alt+ArrowUp" → "Alt+↑" for people. */
export const prettyShortcut = (k: string) => k.replace("ArrowUp", "↑").replace("ArrowDown", "↓");

type KeyLike = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** Whether a key event matches "Ctrl+Shift+Z" style text; Cmd counts as Ctrl. */
export function matchesShortcut(e: KeyLike, shortcut: string): boolean {
  const parts = shortcut.split("+");
  const key = parts.pop()!;
  const wants = new Set(parts);
  if ((e.ctrlKey || e.metaKey) !== wants.has("Ctrl") || e.altKey !== wants.has("Alt")) return false;
  // Shift matters for letters and arrows; "/" or "?" already encode it in the key itself.
  if (key.length > 1 || /[a-z]/i.test(key)) if (e.shiftKey !== wants.has("Shift")) return false;
  return e.key.toLowerCase() === key.toLowerCase();
}

/**
 * The action a key press belongs to, if any. The caller swallows the key even when the action
 * is disabled (Ctrl+S with nothing to save must not open the browser's save dialog).
 */
export function actionForKey(e: KeyLike, isInField: boolean): EditorAction | undefined {
  return EDITOR_ACTIONS.find((a) => (a.shortcuts ?? []).some((k) => matchesShortcut(e, k)) && (!isInField || a.worksInFields));
}

export const isActionEnabled = (a: EditorAction, s: EditorStore): boolean => a.isEnabled?.(s) ?? true;
