"use client";
import { useEffect } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { useJobProgress } from "@/components/jobs/use-job";
import type { StoredProblem } from "@/db/queries/problems";
import type { ProblemExportInput, ProblemExportSummary } from "@/lib/reasoning/export";
import { FLYWHEEL_JOB_KINDS, type FlywheelJobRow } from "./flywheel-jobs";

export type { StoredProblem };
export type ProblemFilters = Partial<Record<"domain" | "kind" | "source" | "verdict" | "status" | "round" | "minDifficulty" | "maxDifficulty" | "maxPassRate", string>>;
export type ProblemEvalRow = { id: number; domain: string | null; policy: string; round: number; samples: number; summary: { pass_rate?: number; problems?: number } | null; createdAt: string };
export type HistogramBin = { round: number; difficulty: number; count: number };

const query = (f: ProblemFilters & { limit?: number; offset?: number }) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)])).toString();

export const useProblems = (filters: ProblemFilters, page = 0, pageSize = 50) =>
  useQuery({
    queryKey: ["reasoning", "problems", filters, page],
    queryFn: () => fetchJson<{ rows: StoredProblem[]; total: number }>(`/api/reasoning/problems?${query({ ...filters, limit: pageSize, offset: page * pageSize })}`),
    placeholderData: keepPreviousData,
  });

export const useProblem = (id: string | null) =>
  useQuery({
    queryKey: ["reasoning", "problem", id],
    enabled: id !== null,
    queryFn: () => fetchJson<{ problem: StoredProblem; family: StoredProblem[] }>(`/api/reasoning/problems/${encodeURIComponent(id!)}`),
  });

export const useDifficultyHistogram = (domain: string | undefined) =>
  useQuery({
    queryKey: ["reasoning", "stats", domain ?? ""],
    queryFn: () => fetchJson<{ histogram: HistogramBin[] }>(`/api/reasoning/stats?${query({ domain })}`).then((r) => r.histogram),
  });

export const useProblemEvals = () =>
  useQuery({ queryKey: ["reasoning", "evals"], queryFn: () => fetchJson<{ evals: ProblemEvalRow[] }>("/api/reasoning/evals").then((r) => r.evals), refetchInterval: 5000 });

/** A mutation that starts a job and refreshes the library when asked. */
function useJobStart<B>(url: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => fetchJson<{ jobId: number }>(url, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["reasoning"] }),
  });
}

export const useGenerate = () => useJobStart<{ domain: string; count: number; seed: number; round: number }>("/api/reasoning/generate");
export const useStartEval = () => useJobStart<{ domain: string; agent: string; samples: number; round: number }>("/api/reasoning/evals");
export const useHarden = () => useJobStart<{ domain: string; evalId: number; threshold: number; minSamples: number; seed: number }>("/api/reasoning/harden");

/** Refreshes the library, the histogram and the evaluations once a flywheel job has finished: its results land in the problems tables. */
export function useRefreshWhenDone(jobId: number) {
  const qc = useQueryClient();
  const status = useJobProgress(jobId).data?.status;
  const isDone = status !== undefined && status !== "queued" && status !== "running";
  useEffect(() => {
    if (isDone) void qc.invalidateQueries({ queryKey: ["reasoning"] });
  }, [isDone, qc]);
}

/** The page's four most recent flywheel jobs (any user's), kept across reloads; refetched when one starts or ends. */
export const useFlywheelJobs = () =>
  useQuery({
    queryKey: ["reasoning", "jobs"],
    queryFn: () => fetchJson<{ jobs: FlywheelJobRow[] }>(`/api/jobs?kind=${FLYWHEEL_JOB_KINDS.join(",")}&limit=4&input=1`).then((r) => r.jobs),
  });

export type ProblemExport = ProblemExportSummary & { downloads: { name: string; url: string }[] };

/** Exports verified problems (written on the server, reported here with one download link per file). */
export const useExportProblems = () =>
  useMutation({ mutationFn: (input: ProblemExportInput) => fetchJson<ProblemExport>("/api/reasoning/export", { method: "POST", body: input }) });

export function useReviewProblem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: "pending" | "approved" | "rejected") => fetchJson<{ problem: StoredProblem }>(`/api/reasoning/problems/${encodeURIComponent(id)}/review`, { method: "POST", body: { status } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["reasoning"] }),
  });
}
