"use client";
import { useEffect, useRef } from "react";

export type FocusAction = "approve" | "reject" | "edit" | "skip" | "next" | "previous" | "help";

/** The focus view's keys, in the order the legend lists them. */
export const FOCUS_SHORTCUTS: { keys: string[]; action: FocusAction; label: string }[] = [
  { keys: ["a"], action: "approve", label: "approve" },
  { keys: ["r"], action: "reject", label: "reject (pick a reason)" },
  { keys: ["e"], action: "edit", label: "edit" },
  { keys: ["s"], action: "skip", label: "skip" },
  { keys: ["j"], action: "next", label: "next" },
  { keys: ["k"], action: "previous", label: "previous" },
  { keys: ["?"], action: "help", label: "all shortcuts" },
];

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

/** Single-key shortcuts while no dialog or form is open and the focus is not in a text field. */
export function useFocusShortcuts(enabled: boolean, run: (action: FocusAction) => void) {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      const hit = FOCUS_SHORTCUTS.find((s) => s.keys.includes(e.key.toLowerCase()) || s.keys.includes(e.key));
      if (!hit) return;
      e.preventDefault();
      latest.current(hit.action);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
