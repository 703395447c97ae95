"use client";
import type { UserFact } from "@/lib/domain/schema";
import type { TreeNode } from "@/lib/tree/schema";
import { useEditor } from "../store";

/** The user facts a clarify leaf asks for, picked from the domain's facts. */
export function ClarifyFields({ node, userFacts, readOnly }: { node: TreeNode; userFacts: UserFact[]; readOnly: boolean }) {
  const updateNode = useEditor((s) => s.updateNode);
  const missing = node.missing ?? [];
  const unknown = missing.filter((m) => !userFacts.some((f) => f.name === m));
  const toggle = (name: string) =>
    updateNode(node.id, { missing: missing.includes(name) ? missing.filter((m) => m !== name) : [...missing, name] });

  return (
    <fieldset className="panel-group">
      <legend>Missing facts</legend>
      {userFacts.length === 0 && <p className="muted small">This domain declares no user facts.</p>}
      {[...userFacts.map((f) => ({ name: f.name, note: `${f.type}${f.description ? ` · ${f.description}` : ""}` })), ...unknown.map((name) => ({ name, note: "not a user fact of this domain" }))].map(({ name, note }) => (
        <label key={name} className="check">
          <input type="checkbox" checked={missing.includes(name)} disabled={readOnly} data-testid={`node-missing-${name}`} onChange={() => toggle(name)} />
          <span><span className="mono">{name}</span> <small className="muted">{note}</small></span>
        </label>
      ))}
    </fieldset>
  );
}
