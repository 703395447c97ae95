"use client";
import type { ToolSpec } from "@/lib/domain/schema";
import type { TreeIssue, TreeNode } from "@/lib/tree/schema";
import { useEditor } from "../store";
import { FieldIssues, issuesForParam } from "./field-issues";
import { TextField } from "./text-field";

const SAVE_AS = /^[A-Za-z_][A-Za-z0-9_]*$/;

type ParamSchema = { type?: string | string[]; description?: string; enum?: unknown[] };

/** The parameters a tool's JSON schema declares, required ones first. */
export function toolParams(tool: ToolSpec): { name: string; schema: ParamSchema; isRequired: boolean }[] {
  const props = (tool.parameters.properties ?? {}) as Record<string, ParamSchema>;
  const required = new Set(Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : []);
  return Object.entries(props)
    .map(([name, schema]) => ({ name, schema, isRequired: required.has(name) }))
    .sort((a, b) => Number(b.isRequired) - Number(a.isRequired));
}

const typeText = (s: ParamSchema) => (s.enum ? `one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}` : [s.type ?? "any"].flat().join(" | "));

/** A tool call's tool, its argument bindings (CEL, one per parameter) and where its output goes. */
export function ToolFields({ node, tools, toolIssues, bindingIssues, readOnly }: {
  node: TreeNode; tools: ToolSpec[]; toolIssues: TreeIssue[]; bindingIssues: TreeIssue[]; readOnly: boolean;
}) {
  const updateNode = useEditor((s) => s.updateNode);
  const tool = tools.find((t) => t.name === node.tool);
  const args = node.args ?? {};
  const params = tool ? toolParams(tool) : [];
  const stray = Object.keys(args).filter((name) => !params.some((p) => p.name === name));

  const chooseTool = (name: string) => {
    const next = tools.find((t) => t.name === name);
    const keep = next ? new Set(toolParams(next).map((p) => p.name)) : new Set<string>();
    // Bindings the new tool also takes survive the switch; the rest would only be errors.
    updateNode(node.id, { tool: name || undefined, args: Object.fromEntries(Object.entries(args).filter(([k]) => keep.has(k))) });
  };
  const setArg = (name: string, value: string, typingKey: string) => {
    const next = { ...args };
    if (value === "") delete next[name];
    else next[name] = value;
    updateNode(node.id, { args: next }, typingKey);
  };
  const dropArg = (name: string) => {
    const next = { ...args };
    delete next[name];
    updateNode(node.id, { args: next });
  };

  return (
    <fieldset className="panel-group">
      <legend>Tool</legend>
      <label className="field">
        <span>Tool</span>
        <select data-testid="node-tool" value={node.tool ?? ""} disabled={readOnly} onChange={(e) => chooseTool(e.target.value)}>
          <option value="">— choose a tool —</option>
          {node.tool && !tool && <option value={node.tool}>{node.tool} (not in this domain)</option>}
          {tools.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
        </select>
        {tool?.description && <small className="field-hint">{tool.description}</small>}
      </label>
      <FieldIssues issues={toolIssues} />
      {params.length > 0 && <div className="panel-subhead">Arguments <small>(CEL over state, user, outputs)</small></div>}
      {params.map(({ name, schema, isRequired }) => (
        <div key={name}>
          <TextField
            label={<>{name}{isRequired && <b className="required" title="required">*</b>} <small className="muted">{typeText(schema)}</small></>}
            value={args[name] ?? ""} mono readOnly={readOnly} testId={`node-arg-${name}`}
            placeholder={isRequired ? `e.g. user.${name}` : "optional"} typingKey={`${node.id}:arg:${name}`}
            hint={schema.description} onChange={(v, k) => setArg(name, v, k)}
          />
          <FieldIssues issues={issuesForParam(bindingIssues, name)} />
        </div>
      ))}
      {stray.map((name) => (
        <div key={name} className="stray-arg">
          <span className="mono">{name} = {args[name]}</span>
          <span className="muted"> — not a parameter of {node.tool || "the tool"}</span>
          {!readOnly && <button type="button" className="btn small" onClick={() => dropArg(name)}>Remove</button>}
        </div>
      ))}
      <FieldIssues issues={bindingIssues.filter((i) => !params.some((p) => issuesForParam([i], p.name).length) )} />
      <TextField
        label="Save output as" value={node.saveAs ?? ""} mono readOnly={readOnly} testId="node-save-as"
        placeholder={node.tool || "tool name"} typingKey={`${node.id}:saveAs`}
        hint={<>Later guards read it as <code>outputs.{node.saveAs || node.tool || "…"}</code></>}
        onChange={(v, k) => updateNode(node.id, { saveAs: v }, k)}
      />
      {node.saveAs && !SAVE_AS.test(node.saveAs) && (
        <FieldIssues issues={[{ nodeId: node.id, severity: "error", code: "save_as", message: "Use letters, digits and _ (not starting with a digit); the tree cannot be saved until then." }]} />
      )}
    </fieldset>
  );
}
