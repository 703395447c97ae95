"use client";
import { familyTree, type FamilyNode } from "./family-tree";
import type { StoredProblem } from "./use-reasoning";

function Node({ node, current, onSelect }: { node: FamilyNode; current: string; onSelect: (id: string) => void }) {
  const p = node.problem;
  return (
    <li>
      <button className={`family-node ${p.id === current ? "current" : ""} ${p.verdict}`} onClick={() => onSelect(p.id)} data-testid="family-node">
        <span className="badge">{p.lineage.mutation ?? "original"}</span> round {p.lineage.round} · difficulty {p.difficulty.score}
        {p.verdict === "rejected" && <span className="reason"> — rejected: {p.reason}</span>}
      </button>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => <Node key={c.problem.id} node={c} current={current} onSelect={onSelect} />)}
        </ul>
      )}
    </li>
  );
}

/** A problem's family tree: the original, its variants by mutation, and why each rejected one was rejected. */
export function FamilyView({ family, current, onSelect }: { family: StoredProblem[]; current: string; onSelect: (id: string) => void }) {
  return (
    <ul className="family-tree" data-testid="family-tree">
      {familyTree(family.map((f) => f.problem)).map((n) => <Node key={n.problem.id} node={n} current={current} onSelect={onSelect} />)}
    </ul>
  );
}
