"use client";
import Link from "next/link";
import type { RefObject } from "react";
import { search } from "@/lib/tree/edit";
import { ADD_CHILD_ACTIONS, EDITOR_ACTIONS, isActionEnabled, prettyShortcut, type ActionContext, type EditorAction } from "./actions";
import { KIND_STYLES } from "./kind-styles";
import { ShortcutsHelp } from "./shortcuts-help";
import { displayedDocument, useEditor } from "./store";
import type { NodeKind } from "@/lib/tree/schema";

const byId = (id: string) => EDITOR_ACTIONS.find((a) => a.id === id)!;

function ActionButton({ action, ctx, text, className }: { action: EditorAction; ctx: ActionContext; text?: string; className?: string }) {
  const isEnabled = useEditor((s) => isActionEnabled(action, s));
  const hint = action.shortcuts ? `${action.label} (${action.shortcuts.map(prettyShortcut).join(" or ")})` : action.label;
  return (
    <button type="button" className={`btn small ${className ?? ""}`} data-testid={action.id} disabled={!isEnabled} title={hint} onClick={() => action.run(ctx)}>
      {text ?? action.label}
    </button>
  );
}

function SaveState({ isSaving }: { isSaving: boolean }) {
  const isDirty = useEditor((s) => s.isDirty);
  const revision = useEditor((s) => s.baseRevision);
  if (isSaving) return <span className="save-state saving">Saving…</span>;
  return isDirty
    ? <span className="save-state dirty" data-testid="dirty-marker" title="Save with Ctrl+S">● Unsaved changes</span>
    : <span className="save-state clean" data-testid="saved-marker">Saved · r{revision}</span>;
}

function SearchBox({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const query = useEditor((s) => s.searchQuery);
  const index = useEditor((s) => s.searchIndex);
  const doc = useEditor(displayedDocument);
  const setSearch = useEditor((s) => s.setSearch);
  const stepMatch = useEditor((s) => s.stepMatch);
  const count = doc && query.trim() ? search(doc, query).length : 0;
  return (
    <div className="search-box">
      <input ref={inputRef} type="search" placeholder="Search label, guard, tool  ( / )" value={query} data-testid="node-search"
        aria-label="Search nodes" onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") { e.preventDefault(); stepMatch(e.shiftKey ? -1 : 1); }
          if (e.key === "Escape") { setSearch(""); e.currentTarget.blur(); }
        }} />
      {query.trim() && <span className="search-count" data-testid="search-count">{count ? `${index >= 0 ? index + 1 : "–"}/${count}` : "0"}</span>}
      <button type="button" className="btn small icon" disabled={!count} title="Previous match (Shift+Enter)" onClick={() => stepMatch(-1)}>↑</button>
      <button type="button" className="btn small icon" disabled={!count} title="Next match (Enter)" onClick={() => stepMatch(1)}>↓</button>
    </div>
  );
}

function AddChildTarget() {
  const label = useEditor((s) => {
    const doc = s.document;
    if (!doc) return "";
    const id = s.selectedId && doc.nodes[s.selectedId] ? s.selectedId : doc.rootId;
    return doc.nodes[id]?.label ?? id;
  });
  return <span className="toolbar-label" title={label}>Add child to <b>{label}</b>:</span>;
}

/** Opens the workflow expander; closed while a revision preview or a proposal is on the canvas. */
function ExpandButton({ onExpand }: { onExpand: () => void }) {
  const isEnabled = useEditor((s) => s.document !== null && s.preview === null && s.proposal === null);
  return (
    <button type="button" className="btn small" data-testid="expand-workflow" disabled={!isEnabled} onClick={onExpand}
      title="Propose branches from a workflow's steps, shown as a diff to accept or discard">
      ✦ Expand from workflow
    </button>
  );
}

/** Two rows: tree-wide actions (history, save, search, view), then actions on the selected node. */
export function Toolbar({ name, domainSlug, ctx, isSaving, searchRef, onExpand }: {
  name: string; domainSlug: string; ctx: ActionContext; isSaving: boolean; searchRef: RefObject<HTMLInputElement | null>; onExpand: () => void;
}) {
  return (
    <div className="editor-toolbar">
      <div className="toolbar-row">
        <div className="tree-title">
          <Link href={`/domains/${domainSlug}`} className="muted small">{domainSlug}</Link>
          <span className="muted small"> / </span>
          <b title={name}>{name}</b>
        </div>
        <SaveState isSaving={isSaving} />
        <span className="toolbar-gap" />
        <div className="btn-group">
          <ActionButton action={byId("undo")} ctx={ctx} text="↶ Undo" />
          <ActionButton action={byId("redo")} ctx={ctx} text="↷ Redo" />
        </div>
        <SearchBox inputRef={searchRef} />
        <ActionButton action={byId("fit-view")} ctx={ctx} />
        <ShortcutsHelp />
        <ExpandButton onExpand={onExpand} />
        <ActionButton action={byId("save")} ctx={ctx} text={isSaving ? "Saving…" : "Save"} className="primary save-button" />
      </div>
      <div className="toolbar-row node-row">
        <AddChildTarget />
        <div className="btn-group kinds">
          {ADD_CHILD_ACTIONS.map((a) => {
            const kind = a.id.replace("add-child-", "") as NodeKind;
            return (
              <span key={a.id} className="kind-button" style={{ ["--kind-line" as string]: KIND_STYLES[kind].line, ["--kind-fill" as string]: KIND_STYLES[kind].fill }}>
                <ActionButton action={a} ctx={ctx} text={`+ ${a.label}`} />
              </span>
            );
          })}
        </div>
        <span className="toolbar-gap" />
        <div className="btn-group">
          <ActionButton action={byId("move-up")} ctx={ctx} text="↑ Move up" />
          <ActionButton action={byId("move-down")} ctx={ctx} text="↓ Move down" />
          <ActionButton action={byId("toggle-collapse")} ctx={ctx} text="Collapse / expand" />
          <ActionButton action={byId("delete-node")} ctx={ctx} text="Delete subtree" className="danger" />
        </div>
      </div>
    </div>
  );
}
