"use client";
import { useMemo, useState } from "react";
import { z } from "zod";
import { Database, DomainSpec, ToolSpec, UserFact } from "@/lib/domain/schema";
import { JsonField, parseJsonField } from "./json-field";
import { useUpdateDomain } from "./use-domains";

const Tools = z.array(ToolSpec);
const Facts = z.array(UserFact);
type Tab = "tools" | "db" | "facts" | "policy";
const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** Edits a domain's tools, database, user facts and policy; everything is validated before it is sent. */
export function DomainEditor({ spec }: { spec: DomainSpec }) {
  const [tab, setTab] = useState<Tab>("tools");
  const [tools, setTools] = useState(() => pretty(spec.tools));
  const [db, setDb] = useState(() => pretty(spec.db));
  const [facts, setFacts] = useState(() => pretty(spec.userFacts));
  const [policy, setPolicy] = useState(spec.policy);
  const [name, setName] = useState(spec.name);
  const [description, setDescription] = useState(spec.description);
  const save = useUpdateDomain(spec.slug);

  const parsed = useMemo(
    () => ({ tools: parseJsonField(tools, Tools), db: parseJsonField(db, Database), facts: parseJsonField(facts, Facts) }),
    [tools, db, facts],
  );
  const hasErrors = Boolean(parsed.tools.error || parsed.db.error || parsed.facts.error);

  const onSave = () => {
    if (hasErrors) return;
    const next = DomainSpec.parse({ ...spec, name, description, policy, tools: parsed.tools.value, db: parsed.db.value, userFacts: parsed.facts.value });
    save.mutate(next);
  };

  return (
    <div className="card">
      <div className="grid2">
        <label className="field"><span>Name</span><input value={name} onChange={(e) => setName(e.target.value)} data-testid="domain-name" /></label>
        <label className="field"><span>Description</span><input value={description} onChange={(e) => setDescription(e.target.value)} /></label>
      </div>
      <div className="tabs">
        {(["tools", "db", "facts", "policy"] as Tab[]).map((t) => (
          <button key={t} className={tab === t ? "active" : ""} onClick={() => setTab(t)} data-testid={`tab-${t}`}>
            {{ tools: "Tools", db: "Database", facts: "User facts", policy: "Policy" }[t]}
            {t !== "policy" && parsed[t].error ? " ⚠" : ""}
          </button>
        ))}
      </div>
      {tab === "tools" && <JsonField label="Tools (JSON array)" text={tools} onChange={setTools} error={parsed.tools.error} testId="tools-json" help="Each tool: name, description, parameters and outputs as JSON Schema, and an effect (get, filter, write or transfer) that the environment executes." />}
      {tab === "db" && <JsonField label="Initial database (JSON)" text={db} onChange={setDb} error={parsed.db.error} testId="db-json" help="Tables of records keyed by primary key: { table: { key: { field: value } } }." />}
      {tab === "facts" && <JsonField label="User facts (JSON array)" text={facts} onChange={setFacts} error={parsed.facts.error} testId="facts-json" help="The facts a user may know ({name, type, description}); guards read them as user.<name>." />}
      {tab === "policy" && (
        <label className="field"><span>Policy (markdown, as the agent reads it)</span>
          <textarea className="code" value={policy} onChange={(e) => setPolicy(e.target.value)} data-testid="policy-text" />
        </label>
      )}
      {save.error && <pre className="alert error" style={{ whiteSpace: "pre-wrap" }} data-testid="domain-save-error">{save.error.message}</pre>}
      {save.isSuccess && !save.isPending && <div className="alert ok">Saved.</div>}
      <button className="btn primary" disabled={hasErrors || save.isPending} onClick={onSave} data-testid="save-domain">
        {save.isPending ? "Saving…" : "Save domain"}
      </button>
    </div>
  );
}
