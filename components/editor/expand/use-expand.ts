"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { JobProgress } from "@/lib/jobs/progress";
import type { TreeDoc } from "@/lib/tree/schema";

/** The expand route's HTTP, for the dialog. */
export type ExpandMode = "auto" | "deterministic" | "llm";
export type ExpandResponse =
  | { mode: "deterministic"; proposal: TreeDoc; notes: string[] }
  | { mode: "llm"; jobId: number };
/** What a finished `tree.expand` job holds. */
export type ExpandJobResult = { doc: TreeDoc; notes: string[]; rounds: number; baseRevision: number };

export const useExpandOptions = (treeId: number, enabled: boolean) =>
  useQuery({
    queryKey: ["trees", treeId, "expand"],
    queryFn: () => fetchJson<{ llmConfigured: boolean }>(`/api/trees/${treeId}/expand`),
    enabled,
  });

export const useExpand = (treeId: number) =>
  useMutation({
    mutationFn: (body: { steps: string[]; mode: ExpandMode; document: TreeDoc }) =>
      fetchJson<ExpandResponse>(`/api/trees/${treeId}/expand`, { method: "POST", body }),
  });

const ACTIVE = new Set(["queued", "running"]);

/** An expansion job's progress, polled each second until it ends; `result` once it succeeded. */
export const useExpandJob = (jobId: number | null) =>
  useQuery({
    queryKey: ["job", jobId, "result"],
    enabled: jobId !== null,
    queryFn: () => fetchJson<{ progress: JobProgress; result?: ExpandJobResult }>(`/api/jobs/${jobId}`),
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.progress.status) ? false : 1000),
  });
