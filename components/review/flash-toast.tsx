"use client";
import { useEffect } from "react";
import { useFlash } from "./flash";

/** Shows the last review action for a few seconds, on whichever review page is open. */
export function FlashToast() {
  const { message, at, clear } = useFlash();
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(clear, 3000);
    return () => clearTimeout(t);
  }, [message, at, clear]);
  return message ? <div className="toast" role="status" data-testid="flash">{message}</div> : null;
}
