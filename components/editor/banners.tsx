"use client";
import { useState } from "react";
import { editorStore, useEditor } from "./store";

/**
 * A save lost the race: someone saved a newer revision. Nothing is overwritten; the curator
 * reloads (dropping their edits) or takes a copy of their work first.
 */
export function ConflictBanner({ onReload }: { onReload: () => void }) {
  const conflict = useEditor((s) => s.conflict);
  const [copied, setCopied] = useState<string | null>(null);
  if (!conflict) return null;
  const json = () => JSON.stringify(editorStore.getState().document, null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json());
      setCopied("Copied your tree as JSON.");
    } catch {
      setCopied("The clipboard is not available here; use Download instead.");
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([json()], { type: "application/json" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `tree-${editorStore.getState().treeId}-unsaved.json` });
    a.click();
    URL.revokeObjectURL(url);
  };
  const revision = conflict.currentRevision ?? "a newer revision";
  return (
    <div className="banner conflict" role="alert" data-testid="conflict-banner">
      <div>
        <b>This tree was saved elsewhere as revision {revision}; your edits are not saved.</b>{" "}
        Reload to see it, or copy your work first.
        {copied && <span className="banner-note"> {copied}</span>}
      </div>
      <div className="banner-actions">
        <button type="button" className="btn small" onClick={() => void copy()}>Copy my work (JSON)</button>
        <button type="button" className="btn small" onClick={download}>Download</button>
        <button type="button" className="btn small primary" data-testid="conflict-reload" onClick={() => {
          if (window.confirm("Reload the saved tree? Your unsaved edits will be lost.")) onReload();
        }}>Reload</button>
      </div>
    </div>
  );
}

/** Shown while an older revision is on the canvas instead of the working document. */
export function PreviewBanner({ onRestore }: { onRestore: (revision: number) => void }) {
  const preview = useEditor((s) => s.preview);
  const closePreview = useEditor((s) => s.closePreview);
  if (!preview) return null;
  return (
    <div className="banner preview" data-testid="preview-banner">
      <div><b>Viewing revision {preview.revision}</b> — read-only. Your working copy is kept.</div>
      <div className="banner-actions">
        <button type="button" className="btn small" onClick={() => onRestore(preview.revision)}>Restore this revision</button>
        <button type="button" className="btn small primary" data-testid="close-preview" onClick={closePreview}>Back to editing</button>
      </div>
    </div>
  );
}

/** A refused edit, a failed save or load: one line, dismissable. */
export function ErrorBanner({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (!message) return null;
  return (
    <div className="banner error" role="alert" data-testid="editor-error">
      <div>{message}</div>
      <button type="button" className="btn small" onClick={onDismiss} aria-label="Dismiss">Dismiss</button>
    </div>
  );
}
