"use client";
import { useState } from "react";
import type { LlmSettingsView } from "@/app/api/settings/llm/view";
import type { LlmRole } from "@/lib/llm/config";
import { draftFromForm, formFromStored, type LlmForm } from "./llm-form-state";
import { LlmStatus } from "./llm-status";
import { PriceTable } from "./price-table";
import { RoleTable } from "./role-table";
import { useLlmSettings, useSaveLlmSettings, useTestLlmConnection } from "./use-llm-settings";

/**
 * The LLM provider settings an admin saves (they beat the environment). The stored key is never
 * shown: the key field only ever sends a new one. "Test connection" tries the form as typed.
 */
export function LlmSettingsForm() {
  const { data, error, isLoading } = useLlmSettings();
  const [saves, setSaves] = useState(0);
  if (isLoading) return <p className="muted">Loading settings…</p>;
  if (error || !data) return <div className="alert error">{error?.message ?? "No settings"}</div>;
  // a save remounts the form on what was stored (the typed key is cleared)
  return <SettingsForm key={saves} data={data} onSaved={() => setSaves((n) => n + 1)} saved={saves > 0} />;
}

function SettingsForm({ data, onSaved, saved }: { data: LlmSettingsView; onSaved: () => void; saved: boolean }) {
  const save = useSaveLlmSettings();
  const test = useTestLlmConnection();
  const [form, setForm] = useState<LlmForm>(() => formFromStored(data.stored));
  const [testRole, setTestRole] = useState<LlmRole>("writer");

  const eff = data.effective;
  const set = (patch: Partial<LlmForm>) => setForm({ ...form, ...patch });
  const draft = () => draftFromForm(form, data.stored);
  const onSave = () => save.mutate(draft(), { onSuccess: onSaved });
  const keyHint = data.stored.hasKey ? "A key is stored; type a new one to replace it" : eff?.hasKey ? "Using FLYWHEEL_LLM_API_KEY from the environment" : "None (fine for local servers)";

  return (
    <div className="card" data-testid="llm-settings">
      <h2>LLM provider</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        One OpenAI-compatible endpoint (vLLM, SGLang, Ollama, llama.cpp, OpenAI, DashScope…) serves four roles. What you save here overrides the
        FLYWHEEL_LLM_* environment variables; an empty field falls back to the environment, shown greyed.
      </p>
      <div className="grid2">
        <label className="field"><span>Base URL</span>
          <input value={form.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} placeholder={eff?.baseUrl ?? "http://127.0.0.1:8000/v1"} data-testid="llm-base-url" />
        </label>
        <label className="field"><span>Default model</span>
          <input value={form.defaultModel} onChange={(e) => set({ defaultModel: e.target.value })} placeholder={eff?.defaultModel ?? "e.g. Qwen/Qwen3-8B"} data-testid="llm-default-model" />
        </label>
        <label className="field"><span>API key</span>
          <input type="password" autoComplete="new-password" value={form.apiKey} onChange={(e) => set({ apiKey: e.target.value, clearKey: false })} placeholder={keyHint} data-testid="llm-api-key" />
          {data.stored.hasKey && (
            <label className="row" style={{ gap: 6, marginTop: 4, fontSize: 12.5 }}>
              <input type="checkbox" checked={form.clearKey} onChange={(e) => set({ clearKey: e.target.checked, apiKey: "" })} style={{ width: "auto" }} /> Remove the stored key on save
            </label>
          )}
        </label>
        <div className="row" style={{ alignItems: "flex-start" }}>
          <label className="field" style={{ flex: 1 }}><span>Max concurrent calls</span>
            <input value={form.maxConcurrency} onChange={(e) => set({ maxConcurrency: e.target.value })} placeholder={String(eff?.maxConcurrency ?? 8)} inputMode="numeric" />
          </label>
          <label className="field" style={{ flex: 1 }}><span>Timeout (s)</span>
            <input value={form.timeoutSeconds} onChange={(e) => set({ timeoutSeconds: e.target.value })} placeholder={String((eff?.timeoutMs ?? 120_000) / 1000)} inputMode="numeric" />
          </label>
          <label className="field" style={{ flex: 1.3 }}><span>Structured output</span>
            <select value={form.structuredMode} onChange={(e) => set({ structuredMode: e.target.value as LlmForm["structuredMode"] })}>
              <option value="">default ({eff?.structuredMode ?? "json_schema"})</option>
              <option value="json_schema">json_schema</option>
              <option value="json_object">json_object</option>
              <option value="prompt">schema in the prompt</option>
            </select>
          </label>
        </div>
      </div>
      <h3 style={{ marginTop: 8 }}>Models per role</h3>
      <RoleTable form={form} effective={eff} onChange={(role, row) => set({ roles: { ...form.roles, [role]: row } })} />
      <h3 style={{ marginTop: 14 }}>Prices</h3>
      <PriceTable rows={form.prices} onChange={(prices) => set({ prices })} />

      <div className="row" style={{ marginTop: 16, flexWrap: "wrap" }}>
        <button className="btn primary" onClick={onSave} disabled={save.isPending} data-testid="llm-save">{save.isPending ? "Saving…" : "Save"}</button>
        <span style={{ width: 12 }} />
        <select value={testRole} onChange={(e) => setTestRole(e.target.value as LlmRole)} style={{ width: 130 }} aria-label="role to test">
          {(["writer", "user", "expander", "judge"] as const).map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <button className="btn" onClick={() => test.mutate({ ...draft(), role: testRole })} disabled={test.isPending} data-testid="llm-test">
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
        <span className="muted" style={{ fontSize: 12.5 }}>tests the form as typed, before saving</span>
      </div>
      {save.error && <div className="alert error" data-testid="llm-save-error">{save.error.message}</div>}
      {saved && !save.isPending && !save.error && <div className="alert ok" data-testid="llm-saved">Saved. New jobs use these settings.</div>}
      {test.error && <div className="alert error">{test.error.message}</div>}
      {test.data && (
        <div className={`alert ${test.data.result.ok ? "ok" : "error"}`} data-testid="llm-test-result">
          {test.data.result.ok
            ? <>Connected: <strong>{test.data.result.model}</strong> answered “{test.data.result.reply}” in {test.data.result.latencyMs} ms ({test.data.role} role).</>
            : <>Connection failed ({test.data.role} role): {test.data.result.error}</>}
        </div>
      )}
      <LlmStatus view={data} />
    </div>
  );
}
