"use client";
import { LLM_ROLES, LlmConfig, resolveRole, type LlmRole, type RedactedLlmConfig } from "@/lib/llm/config";
import type { LlmForm, RoleRow } from "./llm-form-state";

const ROLE_USE: Record<LlmRole, string> = {
  expander: "workflow → tree proposals",
  writer: "rewrites cases in a persona's voice",
  user: "plays the user in conversations",
  judge: "grades free-text replies",
};
/** Each role's built-in temperature and max tokens (what an empty cell means). */
const BUILT_IN = LlmConfig.parse({});
const DEFAULTS = (r: LlmRole) => resolveRole(BUILT_IN, r);

/** One row per role: model, temperature, max tokens; placeholders show what applies when a cell is left empty. */
export function RoleTable({ form, effective, onChange }: { form: LlmForm; effective: RedactedLlmConfig | null; onChange: (role: LlmRole, row: RoleRow) => void }) {
  const fallbackModel = (r: LlmRole) => effective?.roles[r]?.model ?? (form.defaultModel || effective?.defaultModel || "default model");
  return (
    <table className="simple" data-testid="role-table">
      <thead><tr><th>Role</th><th>Model</th><th style={{ width: 110 }}>Temperature</th><th style={{ width: 120 }}>Max tokens</th></tr></thead>
      <tbody>
        {LLM_ROLES.map((r) => {
          const row = form.roles[r];
          const set = (patch: Partial<RoleRow>) => onChange(r, { ...row, ...patch });
          return (
            <tr key={r}>
              <td><strong>{r}</strong><div className="muted" style={{ fontSize: 12 }}>{ROLE_USE[r]}</div></td>
              <td><input value={row.model} onChange={(e) => set({ model: e.target.value })} placeholder={fallbackModel(r)} aria-label={`${r} model`} data-testid={`role-${r}-model`} /></td>
              <td><input value={row.temperature} onChange={(e) => set({ temperature: e.target.value })} placeholder={String(DEFAULTS(r).temperature)} aria-label={`${r} temperature`} inputMode="decimal" /></td>
              <td><input value={row.maxTokens} onChange={(e) => set({ maxTokens: e.target.value })} placeholder={String(DEFAULTS(r).maxTokens)} aria-label={`${r} max tokens`} inputMode="numeric" /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
