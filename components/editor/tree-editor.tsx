"use client";
import "@xyflow/react/dist/style.css";
import "./editor.css";
import { useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "@/components/api/fetch-json";
import { countOutcomes, enumerateBranches } from "@/lib/tree/branches";
import type { Branch, TreeIssue } from "@/lib/tree/schema";
import { validateTree } from "@/lib/tree/validate";
import type { ActionContext } from "./actions";
import { ConflictBanner, ErrorBanner, PreviewBanner } from "./banners";
import { ExpandDialog } from "./expand/expand-dialog";
import { ProposalPanel } from "./expand/proposal-panel";
import { NodePanel } from "./panel/node-panel";
import { BranchList } from "./sidebar/branch-list";
import { RevisionHistory } from "./sidebar/revision-history";
import { ValidationPanel } from "./sidebar/validation-panel";
import { displayedDocument, editorStore, useEditor } from "./store";
import { Toolbar } from "./toolbar";
import { TreeCanvas } from "./tree-canvas";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useLeaveGuard } from "./use-leave-guard";
import { treeKeys, useReloadTree, useRestoreRevision, useSaveTree, useTree, type TreeDomain } from "./use-tree-api";

/** The behavior-tree editor page: loads the tree into the store, then lays out the panels. */
export function TreeEditor({ treeId }: { treeId: number }) {
  const { data, error } = useTree(treeId);
  const loadedId = useEditor((s) => s.treeId);
  const load = useEditor((s) => s.load);

  useEffect(() => {
    if (data && editorStore.getState().treeId !== treeId) load(treeId, data.tree.document, data.tree.revision);
  }, [data, treeId, load]);
  useEffect(() => () => editorStore.getState().reset(), []);

  if (error) return <div className="editor-message"><p className="alert error">Could not open tree {treeId}: {(error as Error).message}</p></div>;
  if (!data || loadedId !== treeId) return <div className="editor-message muted">Loading tree…</div>;
  return (
    <ReactFlowProvider>
      <LoadedEditor treeId={treeId} name={data.tree.name} domain={data.domain} />
    </ReactFlowProvider>
  );
}

function useChecks(domain: TreeDomain) {
  // Deferred: typing stays responsive on big trees while checks catch up. An open proposal is
  // checked as it would be accepted whole (without the removed nodes the canvas still draws).
  const doc = useDeferredValue(useEditor((s) => s.proposal?.doc ?? displayedDocument(s)));
  const issues = useMemo<TreeIssue[]>(() => (doc ? validateTree(doc, domain) : []), [doc, domain]);
  const branchInfo = useMemo(() => {
    if (!doc) return { branches: [] as Branch[], error: null };
    try {
      return { branches: enumerateBranches(doc), error: null };
    } catch (e) {
      return { branches: [] as Branch[], error: (e as Error).message };
    }
  }, [doc]);
  const counts = useMemo(() => countOutcomes(branchInfo.branches), [branchInfo]);
  return { doc, issues, counts, ...branchInfo };
}

function LoadedEditor({ treeId, name, domain }: { treeId: number; name: string; domain: TreeDomain }) {
  const save = useSaveTree(treeId);
  const restore = useRestoreRevision(treeId);
  const reloadTree = useReloadTree(treeId);
  const notice = useEditor((s) => s.notice);
  const hasConflict = useEditor((s) => s.conflict !== null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [isExpanding, setExpanding] = useState(false);
  const closeExpand = useCallback(() => setExpanding(false), []);
  const hasProposal = useEditor((s) => s.proposal !== null);
  const { doc, issues, branches, counts, error: branchError } = useChecks(domain);

  const queryClient = useQueryClient();
  const onConflict = (e: unknown) => {
    if (!(e instanceof ApiError && e.status === 409)) return;
    const current = (e.details as { currentRevision?: number } | undefined)?.currentRevision ?? null;
    editorStore.getState().setConflict(current);
    void queryClient.invalidateQueries({ queryKey: treeKeys.revisions(treeId) }); // show the revision that won
  };

  const reload = async () => {
    const fresh = await reloadTree();
    editorStore.getState().load(treeId, fresh.tree.document, fresh.tree.revision);
    save.reset();
    restore.reset();
  };

  const ctx: ActionContext = {
    store: editorStore,
    save: () => {
      const s = editorStore.getState();
      if (!s.document || s.preview || !s.isDirty || save.isPending || s.conflict) return;
      const sent = s.document;
      save.mutate({ document: sent, revision: s.baseRevision }, {
        onSuccess: (r) => editorStore.getState().markSaved(r.revision, sent),
        onError: onConflict,
      });
    },
    fitView: () => editorStore.getState().requestFit(),
    focusSearch: () => searchRef.current?.focus(),
  };
  useEditorShortcuts(ctx);
  useLeaveGuard();

  const onRestore = (revision: number) => {
    const s = editorStore.getState();
    if (s.isDirty && !window.confirm(`Restore revision ${revision}? Your unsaved changes will be lost.`)) return;
    restore.mutate({ revision, baseRevision: s.baseRevision }, { onSuccess: () => void reload(), onError: onConflict });
  };

  const failure = [save.error, restore.error].find((e) => e && !(e instanceof ApiError && e.status === 409)) as Error | undefined;

  return (
    <div className={`tree-editor${hasConflict ? " has-conflict" : ""}`}>
      <Toolbar name={name} domainSlug={domain.slug} ctx={ctx} isSaving={save.isPending} searchRef={searchRef} onExpand={() => setExpanding(true)} />
      {isExpanding && <ExpandDialog treeId={treeId} onClose={closeExpand} />}
      <ConflictBanner onReload={() => void reload()} />
      <PreviewBanner onRestore={onRestore} />
      <ErrorBanner message={failure ? `Not saved: ${failure.message}` : notice} onDismiss={() => { save.reset(); restore.reset(); editorStore.getState().dismissNotice(); }} />
      <div className="editor-body">
        <aside className="editor-side left">
          {doc && <ValidationPanel issues={issues} doc={doc} />}
          <BranchList branches={branches} counts={counts} error={branchError} />
        </aside>
        <TreeCanvas issues={issues} />
        <aside className="editor-side right">
          {hasProposal ? <ProposalPanel /> : <NodePanel issues={issues} domain={domain} />}
          <RevisionHistory treeId={treeId} onRestore={onRestore} isRestoring={restore.isPending} />
        </aside>
      </div>
    </div>
  );
}
