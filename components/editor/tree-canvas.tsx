"use client";
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Node } from "@xyflow/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { search } from "@/lib/tree/edit";
import type { NodeKind, TreeIssue } from "@/lib/tree/schema";
import { buildFlowEdges, buildFlowNodes, type TreeFlowNode } from "./flow-elements";
import { KIND_STYLES } from "./kind-styles";
import { NODE_SIZES } from "./node-size";
import { nodeTypes } from "./nodes/node-types";
import { displayedDocument, useEditor } from "./store";

/** Remembers the last node objects, so unchanged nodes keep their identity between renders. */
function createNodeCache() {
  let previous = new Map<string, TreeFlowNode>();
  return (build: (prev: Map<string, TreeFlowNode>) => TreeFlowNode[]) => {
    const nodes = build(previous);
    previous = new Map(nodes.map((n) => [n.id, n]));
    return nodes;
  };
}

/** Below this zoom labels are unreadable, so a fresh open does not fit the whole tree. */
const READABLE_ZOOM = 0.5;
const OPEN_ZOOM = 0.8;

const minimapColor = (n: Node) => KIND_STYLES[n.type as NodeKind]?.line ?? "#98a2b3";

export function TreeCanvas({ issues }: { issues: TreeIssue[] }) {
  const doc = useEditor(displayedDocument);
  const positions = useEditor((s) => s.positions);
  const selectedId = useEditor((s) => s.selectedId);
  const highlight = useEditor((s) => s.highlight);
  const marks = useEditor((s) => s.proposal?.marks ?? null);
  const query = useEditor((s) => s.searchQuery);
  const searchIndex = useEditor((s) => s.searchIndex);
  const isLayoutPending = useEditor((s) => s.isLayoutPending);
  const fitRequest = useEditor((s) => s.fitRequest);
  const centerRequest = useEditor((s) => s.centerRequest);
  const select = useEditor((s) => s.select);
  const toggleCollapsed = useEditor((s) => s.toggleCollapsed);
  const fitDone = useEditor((s) => s.fitDone);
  const [withCache] = useState(createNodeCache);
  const flow = useReactFlow();

  const matches = useMemo(() => (doc ? search(doc, query) : []), [doc, query]);
  const nodes = useMemo(
    () =>
      doc
        ? withCache((prev) =>
            buildFlowNodes({ doc, positions, selectedId, issues, matches, currentMatch: matches[searchIndex] ?? null, highlighted: highlight?.nodeIds ?? null, marks }, prev),
          )
        : [],
    [doc, positions, selectedId, issues, matches, searchIndex, highlight, marks, withCache],
  );
  const edges = useMemo(() => (doc ? buildFlowEdges(doc, highlight?.nodeIds ?? null, marks) : []), [doc, highlight, marks]);

  // Fit once the layout a load, preview or "Fit view" asked for has landed. A tree too wide to
  // read whole opens at its root instead, at a readable zoom; the minimap shows the rest.
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!fitRequest || isLayoutPending || nodes.length === 0 || !doc) return;
    const frame = requestAnimationFrame(() => {
      fitDone();
      void flow.fitView({ padding: 0.12, maxZoom: 1, duration: fitRequest === "whole" ? 200 : 0 }).then(() => {
        const root = positions[doc.rootId];
        const width = container.current?.clientWidth ?? 800;
        if (fitRequest === "whole" || !root || flow.getZoom() >= READABLE_ZOOM) return;
        const size = NODE_SIZES[doc.nodes[doc.rootId].kind];
        void flow.setViewport({ x: width / 2 - (root.x + size.width / 2) * OPEN_ZOOM, y: 32 - root.y * OPEN_ZOOM, zoom: OPEN_ZOOM });
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [fitRequest, isLayoutPending, nodes.length, doc, positions, flow, fitDone]);

  // A highlighted branch is framed whole: its leaf is often far below the fold.
  useEffect(() => {
    if (!highlight) return;
    void flow.fitView({ nodes: highlight.nodeIds.map((id) => ({ id })), padding: 0.2, maxZoom: 1, duration: 250 });
  }, [highlight, flow]);

  // Centre on a requested node once it has a position (a new child waits for its layout).
  const centred = useRef(0);
  useEffect(() => {
    if (!centerRequest || isLayoutPending || centred.current === centerRequest.nonce || !doc) return;
    const p = positions[centerRequest.nodeId];
    const node = doc.nodes[centerRequest.nodeId];
    if (!p || !node) return;
    centred.current = centerRequest.nonce;
    const size = NODE_SIZES[node.kind];
    void flow.setCenter(p.x + size.width / 2, p.y + size.height / 2, { zoom: Math.max(flow.getZoom(), 0.85), duration: 250 });
  }, [centerRequest, isLayoutPending, positions, doc, flow]);

  return (
    <div className="tree-canvas" data-testid="tree-canvas" ref={container}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_, n) => select(n.id)}
        onNodeDoubleClick={(_, n) => toggleCollapsed(n.id)}
        onPaneClick={() => select(null)}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        onlyRenderVisibleElements
        minZoom={0.1}
        maxZoom={2}
      >
        <Background gap={20} size={1} color="#d6dae1" />
        <MiniMap nodeColor={minimapColor} nodeStrokeWidth={0} pannable zoomable ariaLabel="Tree overview" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
