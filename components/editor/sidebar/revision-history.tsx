"use client";
import { useState } from "react";
import { useEditor } from "../store";
import { useFetchRevision, useRevisions } from "../use-tree-api";

/** Saved revisions, newest first: view one read-only on the canvas, or restore it. */
export function RevisionHistory({ treeId, onRestore, isRestoring }: { treeId: number; onRestore: (revision: number) => void; isRestoring: boolean }) {
  const { data, error, isLoading } = useRevisions(treeId);
  const fetchRevision = useFetchRevision(treeId);
  const baseRevision = useEditor((s) => s.baseRevision);
  const preview = useEditor((s) => s.preview);
  const showPreview = useEditor((s) => s.showPreview);
  const [loadError, setLoadError] = useState<string | null>(null);

  const view = async (revision: number) => {
    setLoadError(null);
    try {
      const r = await fetchRevision(revision);
      showPreview(r.revision, r.document);
    } catch (e) {
      setLoadError(`Could not load revision ${revision}: ${(e as Error).message}`);
    }
  };

  return (
    <section className="side-section history" data-testid="revision-history">
      <header className="side-head">
        <h3>History</h3>
        <span className="count-pill">{data?.revisions.length ?? "…"}</span>
      </header>
      <div className="side-scroll">
        {isLoading && <p className="muted small pad">Loading…</p>}
        {error && <p className="alert error small">{(error as Error).message}</p>}
        {loadError && <p className="alert error small">{loadError}</p>}
        <ul className="revision-rows">
          {data?.revisions.map((r) => (
            <li key={r.revision} className={preview?.revision === r.revision ? "viewing" : undefined}>
              <div className="revision-meta">
                <b>r{r.revision}</b>
                {r.revision === baseRevision && (
                  <span className="badge" title="The revision your edits start from">{r.revision === data.revisions[0].revision ? "current" : "your base"}</span>
                )}
                <span className="muted small" title={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</span>
              </div>
              {r.message && <div className="revision-message">{r.message}</div>}
              <div className="revision-actions">
                <button type="button" className="btn small" data-testid={`view-revision-${r.revision}`} onClick={() => void view(r.revision)}>View</button>
                <button type="button" className="btn small" data-testid={`restore-revision-${r.revision}`} disabled={r.revision === baseRevision || isRestoring} onClick={() => onRestore(r.revision)}>Restore</button>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
