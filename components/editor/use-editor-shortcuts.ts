"use client";
import { useEffect, useEffectEvent } from "react";
import { actionForKey, isActionEnabled, type ActionContext } from "./actions";
import { editorStore } from "./store";

const isField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

/** Runs the editor actions from the keyboard, window-wide while the editor is mounted. */
export function useEditorShortcuts(ctx: ActionContext) {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const action = actionForKey(e, isField(e.target));
    if (!action) return;
    e.preventDefault();
    if (isActionEnabled(action, editorStore.getState())) action.run(ctx);
  });
  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
