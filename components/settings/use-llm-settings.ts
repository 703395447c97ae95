"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { LlmSettingsView } from "@/app/api/settings/llm/view";
import type { ConnectionResult } from "@/lib/generate/connection";
import type { LlmRole, LlmSettings } from "@/lib/llm/config";

export type LlmSettingsDraft = { settings: Omit<LlmSettings, "apiKey">; apiKey?: string; clearKey?: boolean };

export const useLlmSettings = () =>
  useQuery({ queryKey: ["settings", "llm"], queryFn: () => fetchJson<LlmSettingsView>("/api/settings/llm") });

export function useSaveLlmSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (draft: LlmSettingsDraft) => fetchJson<LlmSettingsView>("/api/settings/llm", { method: "PUT", body: draft }),
    onSuccess: (view) => {
      qc.setQueryData(["settings", "llm"], view);
      void qc.invalidateQueries({ queryKey: ["generate", "status"] });
    },
  });
}

/** Tests the form as typed (not yet saved), with the stored key unless a new one is typed. */
export const useTestLlmConnection = () =>
  useMutation({
    mutationFn: (draft: LlmSettingsDraft & { role: LlmRole }) =>
      fetchJson<{ role: LlmRole; result: ConnectionResult }>("/api/settings/llm/test", { method: "POST", body: { settings: draft.settings, apiKey: draft.apiKey, role: draft.role } }),
  });

export function useClearLlmCache() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ cleared: number }>("/api/settings/llm/cache", { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["settings", "llm"] }),
  });
}
