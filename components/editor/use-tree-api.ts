"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc, TreeIssue } from "@/lib/tree/schema";

/** The editor's HTTP: one hook per request, so components never fetch. */
export type TreeDomain = Pick<DomainSpec, "slug" | "name" | "tools" | "userFacts" | "db">;
export type TreeRecord = {
  id: number;
  domainId: number;
  domainSlug: string;
  name: string;
  revision: number;
  document: TreeDoc;
  updatedAt: string;
};
export type RevisionSummary = { revision: number; message: string; createdAt: string };

export const treeKeys = {
  tree: (id: number) => ["trees", id] as const,
  revisions: (id: number) => ["trees", id, "revisions"] as const,
  revision: (id: number, rev: number) => ["trees", id, "revisions", rev] as const,
};

/**
 * The tree as stored. It never refetches on its own (focus, staleness): the editor loads it
 * into its store once, and a background refetch must not look like the user's work changed.
 */
export const useTree = (id: number) =>
  useQuery({
    queryKey: treeKeys.tree(id),
    queryFn: () => fetchJson<{ tree: TreeRecord; domain: TreeDomain }>(`/api/trees/${id}`),
    staleTime: Infinity,
    gcTime: 0, // reopening the editor always fetches the tree afresh
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export function useSaveTree(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { document: TreeDoc; revision: number; message?: string }) =>
      fetchJson<{ revision: number; issues: TreeIssue[] }>(`/api/trees/${id}`, { method: "PUT", body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: treeKeys.revisions(id) });
      void qc.invalidateQueries({ queryKey: ["domains"] });
    },
  });
}

export const useRevisions = (id: number) =>
  useQuery({
    queryKey: treeKeys.revisions(id),
    queryFn: () => fetchJson<{ revisions: RevisionSummary[] }>(`/api/trees/${id}/revisions`),
  });

/** A function that fetches one revision's document (cached: revisions never change). */
export function useFetchRevision(id: number) {
  const qc = useQueryClient();
  return useCallback(
    (rev: number) =>
      qc.fetchQuery({
        queryKey: treeKeys.revision(id, rev),
        queryFn: () => fetchJson<{ revision: number; document: TreeDoc }>(`/api/trees/${id}/revisions/${rev}`),
        staleTime: Infinity,
      }),
    [qc, id],
  );
}

export function useRestoreRevision(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { revision: number; baseRevision: number }) =>
      fetchJson<{ revision: number }>(`/api/trees/${id}/restore`, { method: "POST", body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: treeKeys.revisions(id) });
      void qc.invalidateQueries({ queryKey: ["domains"] });
    },
  });
}

/** Refetches the stored tree (after a restore or to resolve a conflict). */
export function useReloadTree(id: number) {
  const qc = useQueryClient();
  return useCallback(
    () => qc.fetchQuery({ queryKey: treeKeys.tree(id), queryFn: () => fetchJson<{ tree: TreeRecord; domain: TreeDomain }>(`/api/trees/${id}`), staleTime: 0 }),
    [qc, id],
  );
}
