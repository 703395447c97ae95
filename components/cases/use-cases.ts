"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { VerifySummary } from "@/lib/cases/verify-domain";
import type { TestCase } from "@/lib/cases/schema";
import type { LeafKind } from "@/lib/tree/schema";

export type CaseListItem = {
  id: number; treeId: number | null; branchId: string; outcome: LeafKind; status: "verified" | "unverified"; reason: string;
  source: string; generator: string; task: string; labels: string[]; createdAt: string;
};
export type CaseFilters = { domain?: string; status?: string; outcome?: string; offset?: number };

export function useCases(filters: CaseFilters) {
  const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
  return useQuery({ queryKey: ["cases", filters], queryFn: () => fetchJson<{ total: number; cases: CaseListItem[] }>(`/api/cases?${qs}`) });
}

export const useCase = (id: number) =>
  useQuery({
    queryKey: ["case", id],
    queryFn: () => fetchJson<{ case: { id: number; status: string; reason: string; source: string; treeId: number | null; outcome: LeafKind; data: TestCase } }>(`/api/cases/${id}`),
  });

export function useVerifyDomain(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<VerifySummary>(`/api/domains/${slug}/verify`, { method: "POST", body: {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["cases"] }),
  });
}
