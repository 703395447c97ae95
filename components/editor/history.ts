import type { TreeDoc } from "@/lib/tree/schema";

/**
 * Undo/redo over document snapshots only (never selection or viewport). Documents share
 * unchanged nodes, so a snapshot costs one object per edited node, not a copy of the tree.
 * Typing into one field is one step: edits that carry the same typing key coalesce.
 */
export type History = { past: TreeDoc[]; future: TreeDoc[]; typingKey: string | null };

export const HISTORY_LIMIT = 200;
export const emptyHistory = (): History => ({ past: [], future: [], typingKey: null });

/** The history after `before` was replaced by a new document. */
export function recordEdit(h: History, before: TreeDoc, typingKey: string | null = null): History {
  if (typingKey !== null && typingKey === h.typingKey) return { ...h, future: [] };
  return { past: [...h.past, before].slice(-HISTORY_LIMIT), future: [], typingKey };
}

export function undoEdit(h: History, current: TreeDoc): { history: History; doc: TreeDoc } | null {
  const doc = h.past.at(-1);
  if (!doc) return null;
  return { doc, history: { past: h.past.slice(0, -1), future: [current, ...h.future], typingKey: null } };
}

export function redoEdit(h: History, current: TreeDoc): { history: History; doc: TreeDoc } | null {
  const [doc, ...future] = h.future;
  if (!doc) return null;
  return { doc, history: { past: [...h.past, current], future, typingKey: null } };
}

/** Ends a typing run, so the next keystroke starts a new step. */
export const endTyping = (h: History): History => (h.typingKey === null ? h : { ...h, typingKey: null });
