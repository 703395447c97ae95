import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { isDomainError } from "@/lib/errors";
import { applyProposal } from "@/lib/tree/diff";
import * as edit from "@/lib/tree/edit";
import { layoutTree, visibleNodeIds, type Position } from "@/lib/tree/layout";
import type { NodeKind, TreeDoc } from "@/lib/tree/schema";
import { buildProposalView, type ProposalView } from "./expand/proposal-view";
import { emptyHistory, endTyping, recordEdit, redoEdit, undoEdit, type History } from "./history";
import { nodeSizes } from "./node-size";

/**
 * The editor's one store: the document and everything the UI shows about it. Every action
 * that changes the document goes through `commit`, which records exactly one history step;
 * selection, search, highlight, preview and layout never touch the history.
 */
export type Highlight = { branchId: string; nodeIds: string[] };

export type EditorState = {
  treeId: number | null;
  document: TreeDoc | null;
  /** The document as last loaded or saved; `isDirty` is "document is not this object". */
  savedDocument: TreeDoc | null;
  baseRevision: number;
  isDirty: boolean;
  history: History;
  selectedId: string | null;
  highlight: Highlight | null;
  searchQuery: string;
  searchIndex: number;
  /** A read-only older revision shown on the canvas instead of the document. */
  preview: { revision: number; document: TreeDoc } | null;
  conflict: { currentRevision: number | null } | null;
  /** An expander's proposal, drawn on the canvas as a diff; the document stays as it is until accepted. */
  proposal: ProposalView | null;
  /** The last edit the tree refused ("a leaf has no children"), shown until the next action. */
  notice: string | null;
  positions: Record<string, Position>;
  /** True from an edit until its layout lands; the canvas fits or centres only after. */
  isLayoutPending: boolean;
  /** A viewport fit the canvas owes: the whole tree, or (on open) its top at a readable zoom. */
  fitRequest: "whole" | "readable" | null;
  centerRequest: { nodeId: string; nonce: number } | null;
};

export type EditorActions = {
  load(treeId: number, doc: TreeDoc, revision: number): void;
  /** Forgets the tree (the editor unmounted). */
  reset(): void;
  select(id: string | null): void;
  addChild(kind: NodeKind): void;
  deleteSelected(): void;
  moveSelected(direction: "up" | "down"): void;
  updateNode(id: string, patch: edit.NodePatch, typingKey?: string): void;
  endTyping(): void;
  changeKind(id: string, kind: NodeKind): void;
  toggleCollapsed(id?: string): void;
  undo(): void;
  redo(): void;
  setSearch(query: string): void;
  stepMatch(step: 1 | -1): void;
  highlightBranch(branch: Highlight | null): void;
  centerOn(id: string): void;
  /** Selects and centres a node, first opening collapsed ancestors that hide it. */
  focusNode(id: string): void;
  requestFit(): void;
  fitDone(): void;
  markSaved(revision: number, saved: TreeDoc): void;
  setConflict(currentRevision: number | null): void;
  showPreview(revision: number, doc: TreeDoc): void;
  closePreview(): void;
  dismissNotice(): void;
  showProposal(doc: TreeDoc, notes: string[], source: string): void;
  setProposalSelection(ids: string[]): void;
  /** Applies the accepted part of the proposal as ONE history step, and closes it. */
  acceptProposal(ids: string[] | "all"): void;
  discardProposal(): void;
};

export type EditorStore = EditorState & EditorActions;
type Layout = typeof layoutTree;

const initialState = (): EditorState => ({
  treeId: null, document: null, savedDocument: null, baseRevision: 0, isDirty: false, history: emptyHistory(),
  selectedId: null, highlight: null, searchQuery: "", searchIndex: -1, preview: null, conflict: null, proposal: null, notice: null,
  positions: {}, isLayoutPending: false, fitRequest: null, centerRequest: null,
});

/** The document on the canvas: a proposal or a preview while one is open. */
export const displayedDocument = (s: EditorState): TreeDoc | null => s.proposal?.display ?? s.preview?.document ?? s.document;

export function createEditorStore(layout: Layout = layoutTree) {
  let layoutSeq = 0;
  let nonce = 0;

  return createStore<EditorStore>()((set, get) => {
    const relayout = () => {
      const doc = displayedDocument(get());
      if (!doc) return;
      const seq = ++layoutSeq;
      set({ isLayoutPending: true });
      layout(doc, nodeSizes(doc)).then(
        (positions) => { if (seq === layoutSeq) set({ positions, isLayoutPending: false }); },
        (e: unknown) => { if (seq === layoutSeq) set({ isLayoutPending: false, notice: `Layout failed: ${(e as Error).message}` }); },
      );
    };

    /** Applies one edit as one history step; refused edits become a notice and change nothing. */
    const commit = (fn: (doc: TreeDoc) => TreeDoc, typingKey: string | null = null, after?: Partial<EditorState>): boolean => {
      const s = get();
      if (!s.document || s.preview || s.proposal) return false;
      let next: TreeDoc;
      try {
        next = fn(s.document);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        set({ notice: e.message });
        return false;
      }
      if (next === s.document) return false;
      set({ document: next, history: recordEdit(s.history, s.document, typingKey), isDirty: next !== s.savedDocument, notice: null, ...after });
      relayout();
      return true;
    };

    const restore = (step: { history: History; doc: TreeDoc } | null) => {
      if (!step) return;
      const selectedId = get().selectedId;
      set({
        document: step.doc, history: step.history, isDirty: step.doc !== get().savedDocument, notice: null,
        selectedId: selectedId && step.doc.nodes[selectedId] ? selectedId : null,
      });
      relayout();
    };

    const centerOn = (nodeId: string) => set({ selectedId: nodeId, centerRequest: { nodeId, nonce: ++nonce } });

    return {
      ...initialState(),
      load(treeId, doc, revision) {
        set({ ...initialState(), treeId, document: doc, savedDocument: doc, baseRevision: revision, fitRequest: "readable" });
        relayout();
      },
      reset() {
        layoutSeq++;
        set(initialState());
      },
      select: (id) => set({ selectedId: id, notice: null }),
      addChild(kind) {
        const s = get();
        if (!s.document) return;
        let added = "";
        const ok = commit((doc) => {
          const out = edit.addChild(doc, s.selectedId ?? doc.rootId, kind);
          added = out.id;
          return out.doc;
        });
        if (ok) centerOn(added);
      },
      deleteSelected() {
        const { selectedId, document } = get();
        if (!selectedId || !document) return;
        const parent = edit.parentOf(document, selectedId);
        commit((doc) => edit.deleteSubtree(doc, selectedId), null, { selectedId: parent?.id ?? null });
      },
      moveSelected(direction) {
        const id = get().selectedId;
        if (id) commit((doc) => edit.moveChild(doc, id, direction));
      },
      updateNode: (id, patch, typingKey) => void commit((doc) => edit.updateNode(doc, id, patch), typingKey ?? null),
      endTyping: () => set((s) => ({ history: endTyping(s.history) })),
      changeKind: (id, kind) => void commit((doc) => edit.changeKind(doc, id, kind)),
      toggleCollapsed(id) {
        const target = id ?? get().selectedId;
        // Centre on it: the tree under it just shrank or grew around it.
        if (target && commit((doc) => edit.toggleCollapsed(doc, target))) centerOn(target);
      },
      undo: () => { const s = get(); if (s.document && !s.preview && !s.proposal) restore(undoEdit(s.history, s.document)); },
      redo: () => { const s = get(); if (s.document && !s.preview && !s.proposal) restore(redoEdit(s.history, s.document)); },
      setSearch: (query) => set({ searchQuery: query, searchIndex: -1 }),
      stepMatch(step) {
        const s = get();
        const doc = displayedDocument(s);
        const matches = doc ? edit.search(doc, s.searchQuery) : [];
        if (matches.length === 0) return;
        const index = (s.searchIndex + step + matches.length) % matches.length;
        set({ searchIndex: index });
        get().focusNode(matches[index]);
      },
      highlightBranch: (branch) => set((s) => ({ highlight: branch && s.highlight?.branchId === branch.branchId ? null : branch })),
      centerOn,
      focusNode(id) {
        const s = get();
        const doc = displayedDocument(s);
        if (!doc?.nodes[id]) return;
        // Opening the ancestors changes the document, so it is one undoable step.
        if (!s.preview && !visibleNodeIds(doc).includes(id)) commit((d) => edit.revealNode(d, id));
        centerOn(id);
      },
      requestFit: () => set({ fitRequest: "whole" }),
      fitDone: () => set({ fitRequest: null }),
      markSaved: (revision, saved) => set((s) => ({ baseRevision: revision, savedDocument: saved, isDirty: s.document !== saved, conflict: null })),
      setConflict: (currentRevision) => set({ conflict: { currentRevision } }),
      showPreview(revision, doc) {
        if (get().proposal) return set({ notice: "Accept or discard the proposal before viewing an older revision." });
        set({ preview: { revision, document: doc }, selectedId: null, highlight: null, fitRequest: "readable" });
        relayout();
      },
      closePreview() {
        set({ preview: null, highlight: null, fitRequest: "readable" });
        relayout();
      },
      dismissNotice: () => set({ notice: null }),
      showProposal(doc, notes, source) {
        const s = get();
        if (!s.document || s.preview) return;
        set({ proposal: buildProposalView(s.document, doc, notes, source), selectedId: null, highlight: null, notice: null, fitRequest: "whole" });
        relayout();
      },
      setProposalSelection: (ids) => set((s) => (s.proposal ? { proposal: { ...s.proposal, selected: ids } } : {})),
      acceptProposal(ids) {
        const proposal = get().proposal;
        if (!proposal) return;
        set({ proposal: null, highlight: null });
        if (!commit((doc) => applyProposal(doc, proposal.doc, ids), null, { fitRequest: "whole" })) relayout();
      },
      discardProposal() {
        if (!get().proposal) return;
        set({ proposal: null, highlight: null, fitRequest: "whole" });
        relayout();
      },
    };
  });
}

export type EditorStoreApi = ReturnType<typeof createEditorStore>;

/** The page's store; components read state and actions from it by selector. */
export const editorStore = createEditorStore();
export function useEditor<T>(selector: (s: EditorStore) => T): T {
  return useStore(editorStore, selector);
}
