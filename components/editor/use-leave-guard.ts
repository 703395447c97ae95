"use client";
import { useEffect } from "react";
import { editorStore } from "./store";

const LEAVE_MESSAGE = "This tree has unsaved changes. Leave without saving?";

/**
 * Warns before unsaved changes are lost: on reload/close (beforeunload) and on in-app links,
 * which the App Router follows without unloading the page.
 */
export function useLeaveGuard() {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!editorStore.getState().isDirty) return;
      e.preventDefault();
      e.returnValue = LEAVE_MESSAGE;
    };
    const onClick = (e: MouseEvent) => {
      if (!editorStore.getState().isDirty || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const link = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link || link.target === "_blank" || link.hasAttribute("download")) return;
      if (!window.confirm(LEAVE_MESSAGE)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    // Capture on document runs before React's handlers on the root, so Link never navigates.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, []);
}
