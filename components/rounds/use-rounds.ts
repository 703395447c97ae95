"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { NodeFailure } from "@/lib/rounds/failures";
import type { ReplayReport } from "@/lib/rounds/replay";
import type { Project, ProjectInput } from "@/lib/rounds/schema";
import type { ProjectTimeline, TimelineRound } from "@/lib/rounds/timeline";
import type { TreeDoc } from "@/lib/tree/schema";

export type { ProjectTimeline, TimelineRound, NodeFailure, ReplayReport, Project };

/** How often a timeline with a round under way is refreshed. */
const LIVE_POLL_MS = 2000;

export const useProjects = () =>
  useQuery({ queryKey: ["rounds", "projects"], queryFn: () => fetchJson<{ projects: Project[] }>("/api/rounds/projects").then((r) => r.projects) });

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ProjectInput) => fetchJson<{ project: Project }>("/api/rounds/projects", { method: "POST", body: input }).then((r) => r.project),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["rounds", "projects"] }),
  });
}

const isMoving = (t: ProjectTimeline | undefined) => Boolean(t?.rounds.some((r) => r.status === "open"));

/** A project's timeline; polled while one of its rounds is running. */
export const useTimeline = (projectId: number) =>
  useQuery({
    queryKey: ["rounds", "timeline", projectId],
    queryFn: () => fetchJson<ProjectTimeline>(`/api/rounds/projects/${projectId}`),
    refetchInterval: (q) => (isMoving(q.state.data) ? LIVE_POLL_MS : false),
  });

export function useNextRound(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { autoApproveVerified: boolean }) => fetchJson<{ round: TimelineRound; jobId: number | null }>(`/api/rounds/projects/${projectId}/next`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["rounds", "timeline", projectId] }),
  });
}

export const useNodeFailures = (roundId: number, domain: string, treeId: number | null, nodeId: string | null) =>
  useQuery({
    queryKey: ["rounds", "failures", roundId, domain, treeId, nodeId],
    enabled: nodeId !== null,
    queryFn: () => fetchJson<{ failures: NodeFailure[] }>(`/api/rounds/${roundId}/failures?${new URLSearchParams({ domain, nodeId: nodeId!, ...(treeId === null ? {} : { treeId: String(treeId) }) })}`).then((r) => r.failures),
  });

export const useTreeDoc = (treeId: number | null) =>
  useQuery({
    queryKey: ["tree", treeId, "doc"],
    enabled: treeId !== null,
    queryFn: () => fetchJson<{ tree: { id: number; name: string; revision: number; document: TreeDoc } }>(`/api/trees/${treeId}`).then((r) => r.tree),
  });

/** A tree.expand job's proposal (the LLM expander's result), for the diff. */
export const useProposalJob = (jobId: number | null) =>
  useQuery({
    queryKey: ["job", jobId, "result"],
    enabled: jobId !== null,
    queryFn: () => fetchJson<{ progress: { status: string }; result?: { doc: TreeDoc; notes: string[]; baseRevision: number } }>(`/api/jobs/${jobId}`),
    refetchInterval: (q) => (q.state.data && ["succeeded", "failed", "cancelled"].includes(q.state.data.progress.status) ? false : 3000),
  });

export function useReplay(roundId: number) {
  return useMutation({ mutationFn: () => fetchJson<{ report: ReplayReport }>(`/api/rounds/${roundId}/replay`, { method: "POST", body: {} }).then((r) => r.report) });
}

/** Saves a tree with an expander proposal's accepted nodes as a new revision (the tree's own PUT, with its revision check). */
export function useSaveTree(treeId: number | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { document: TreeDoc; revision: number; message: string }) => fetchJson<{ revision: number; issues: { severity: string; message: string }[] }>(`/api/trees/${treeId}`, { method: "PUT", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["tree", treeId] }),
  });
}
