"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { GenerateInput } from "@/lib/generate/schema";
import type { LlmReadiness } from "@/lib/generate/readiness";
import type { PreviewResult } from "@/lib/generate/preview";
import type { PersonaImport } from "@/lib/persona/schema";
import type { LeafKind } from "@/lib/tree/schema";

export type BranchRow = { id: string; outcome: LeafKind; labels: string[] };
export type PersonaRow = { id: string; persona: string; source: string };
export type GeneratedItem = { idx: number; status: string; branchId: string; personaId: string; k: number; caseId: number | null; verified: boolean | null; generator: string | null; error: string | null };

export const useGenerateStatus = () =>
  useQuery({ queryKey: ["generate", "status"], queryFn: () => fetchJson<{ writer: LlmReadiness; personas: number }>("/api/generate/status") });

export const useBranches = (treeId: number | null) =>
  useQuery({
    queryKey: ["generate", "branches", treeId],
    enabled: treeId !== null,
    queryFn: () => fetchJson<{ tree: { id: number; name: string; revision: number; domainSlug: string }; branches: BranchRow[] }>(`/api/generate/branches?tree=${treeId}`),
  });

/** The personas a generation with this sample size and seed would use. */
export const usePersonaSample = (count: number, seed: number) =>
  useQuery({
    queryKey: ["personas", "sample", count, seed],
    enabled: count >= 1 && seed >= 0,
    queryFn: () => fetchJson<{ total: number; sample: PersonaRow[] }>(`/api/personas?limit=1&sampleCount=${count}&seed=${seed}`),
  });

export function useImportPersonas() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: { text: string; source: string }) =>
      fetchJson<{ added: number; bad: PersonaImport["bad"]; duplicates: PersonaImport["duplicates"]; total: number }>("/api/personas/import", { method: "POST", body: file }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["personas"] });
      void qc.invalidateQueries({ queryKey: ["generate", "status"] });
    },
  });
}

export const usePreview = () =>
  useMutation({ mutationFn: (input: GenerateInput) => fetchJson<PreviewResult>("/api/generate/preview", { method: "POST", body: input }) });

export const useStartGeneration = () =>
  useMutation({ mutationFn: (input: GenerateInput) => fetchJson<{ job: { id: number; total: number } }>("/api/generate", { method: "POST", body: input }) });

/** The job's cases; `status` is in the key so the list is fetched once more when the job finishes. */
export const useGeneratedItems = (jobId: number | null, status: string | undefined) =>
  useQuery({
    queryKey: ["generate", "job", jobId, "cases", status],
    enabled: jobId !== null,
    queryFn: () => fetchJson<{ total: number; items: GeneratedItem[] }>(`/api/generate/jobs/${jobId}/cases?limit=200`),
    refetchInterval: status === "queued" || status === "running" ? 1500 : false,
  });
