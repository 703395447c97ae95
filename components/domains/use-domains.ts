"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { DomainSpec } from "@/lib/domain/schema";
import type { OutcomeCounts } from "@/lib/tree/schema";

export type DomainSummary = {
  slug: string;
  name: string;
  description: string;
  tools: number;
  tables: number;
  trees: { id: number; name: string; revision: number; branches: number; outcomes: OutcomeCounts }[];
};
export type DomainDetail = {
  domain: DomainSpec & { id: number; updatedAt: string };
  trees: { id: number; name: string; revision: number; updatedAt: string }[];
};

export const useDomains = () =>
  useQuery({ queryKey: ["domains"], queryFn: () => fetchJson<{ domains: DomainSummary[] }>("/api/domains") });

export const useDomain = (slug: string) =>
  useQuery({ queryKey: ["domains", slug], queryFn: () => fetchJson<DomainDetail>(`/api/domains/${slug}`) });

export function useCreateDomain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (spec: DomainSpec) => fetchJson<{ domain: { id: number; slug: string } }>("/api/domains", { method: "POST", body: spec }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["domains"] }),
  });
}

export function useUpdateDomain(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (spec: DomainSpec) => fetchJson<{ domain: { slug: string } }>(`/api/domains/${slug}`, { method: "PUT", body: spec }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["domains"] }),
  });
}

export function useCreateTree(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => fetchJson<{ tree: { id: number } }>(`/api/domains/${slug}/trees`, { method: "POST", body: { name } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["domains"] }),
  });
}
