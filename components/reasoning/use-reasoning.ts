"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { StoredProblem } from "@/db/queries/problems";

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

export function useReviewProblem(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: "pending" | "approved" | "rejected") => fetchJson<{ problem: StoredProblem }>(`/api/reasoning/problems/${encodeURIComponent(id)}/review`, { method: "POST", body: { status } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["reasoning"] }),
  });
}
