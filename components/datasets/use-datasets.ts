"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { SnapshotStatsJson, SnapshotSummary } from "@/db/queries/snapshots";
import type { TokenFormat } from "@/lib/export/row-tokens";
import type { SnapshotTokensState } from "@/lib/export/tokens-job";

export type { SnapshotStatsJson, SnapshotSummary, SnapshotTokensState, TokenFormat };
export type SnapshotDetail = {
  snapshot: SnapshotSummary;
  stats: SnapshotStatsJson;
  approved: number;
  /** The domain's trees now: nodes per branch and children per inner node. */
  trees: { depth: [string, number][]; branching: [string, number][] };
  card: string;
};
export type NewSnapshot = { domainSlug: string; approvedOnly: boolean; seed: number; validationRatio: number };

export const useSnapshots = () =>
  useQuery({ queryKey: ["snapshots"], queryFn: () => fetchJson<{ snapshots: SnapshotSummary[] }>("/api/snapshots") });

export const useSnapshot = (id: number | null) =>
  useQuery({ queryKey: ["snapshots", id], queryFn: () => fetchJson<SnapshotDetail>(`/api/snapshots/${id}`), enabled: id !== null });

export const useDomainSlugs = () =>
  useQuery({ queryKey: ["domains", "slugs"], queryFn: () => fetchJson<{ domains: { slug: string; name: string }[] }>("/api/domains") });

export function useCreateSnapshot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSnapshot) => fetchJson<{ snapshot: SnapshotSummary }>("/api/snapshots", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["snapshots"] }),
  });
}

/** The download links of one snapshot: each is a GET the browser saves (admins only). */
export const downloadLinks = (id: number) => [
  { label: "Chat JSONL", href: `/api/snapshots/${id}/export?format=chat`, testId: "download-chat" },
  { label: "verl train.parquet", href: `/api/snapshots/${id}/export?format=verl&split=train`, testId: "download-verl-train" },
  { label: "verl val.parquet", href: `/api/snapshots/${id}/export?format=verl&split=val`, testId: "download-verl-val" },
  { label: "tau2 tasks.json", href: `/api/snapshots/${id}/export?format=tau2`, testId: "download-tau2" },
  { label: "Dataset card", href: `/api/snapshots/${id}/export?format=card`, testId: "download-card" },
];

const tokensUrl = (id: number, format: TokenFormat, budget: number | null, retry = false) =>
  `/api/snapshots/${id}/tokens?format=${format}${budget ? `&budget=${budget}` : ""}${retry ? "&retry=1" : ""}`;

/** Token lengths of a snapshot in one format: polls while the count job runs; `budget` null = the export's default. */
export const useSnapshotTokens = (id: number, format: TokenFormat, budget: number | null) =>
  useQuery({
    queryKey: ["snapshots", id, "tokens", format, budget],
    queryFn: () => fetchJson<SnapshotTokensState>(tokensUrl(id, format, budget)),
    refetchInterval: (q) => (q.state.data?.status === "computing" ? 1000 : false),
    // a new budget keeps the chart on screen while its summary loads; a new format does not
    placeholderData: (prev) => (prev?.format === format ? prev : undefined),
  });

/** Starts a new count after a failed one. */
export function useRetrySnapshotTokens(id: number, format: TokenFormat, budget: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<SnapshotTokensState>(tokensUrl(id, format, budget, true)),
    onSuccess: (state) => qc.setQueryData(["snapshots", id, "tokens", format, budget], state),
  });
}
