"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { EvalRunRow } from "@/db/queries/evals";
import type { RunSummary } from "@/db/queries/train-summary";
import type { BackendAvailability } from "@/lib/train/backends";
import { isTerminal, type DatasetRef, type RoundSpecInput } from "@/lib/train/protocol";
import { appendPage, EMPTY_LOG, type EventLog, type EventPage } from "./event-log";

export type { RunSummary, BackendAvailability };

/** How often a live run's events are polled. */
const EVENTS_POLL_MS = 1500;
const RUN_POLL_MS = 3000;

export const useRuns = () =>
  useQuery({
    queryKey: ["train", "runs"],
    queryFn: () => fetchJson<{ runs: RunSummary[] }>("/api/train/runs").then((r) => r.runs),
    refetchInterval: (q) => (q.state.data?.some((r) => !isTerminal(r.status)) ? RUN_POLL_MS : false),
  });

export const useRun = (id: number) =>
  useQuery({
    queryKey: ["train", "run", id],
    queryFn: () => fetchJson<{ run: RunSummary }>(`/api/train/runs/${id}`).then((r) => r.run),
    refetchInterval: (q) => (q.state.data && isTerminal(q.state.data.status) ? false : RUN_POLL_MS),
  });

/**
 * A run's events, live: each poll asks only for events after the last id held and appends them
 * (the cached log is the cursor). Polling stops once the run is terminal and nothing new came.
 */
export function useRunEvents(id: number) {
  const qc = useQueryClient();
  const key = ["train", "events", id];
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      const prev = qc.getQueryData<EventLog>(key) ?? EMPTY_LOG;
      const page = await fetchJson<EventPage>(`/api/train/runs/${id}/events?after=${prev.lastId}`);
      // A status change reaches the events first: refresh the run (message, end time) and the list now.
      if (prev.status !== null && page.status !== prev.status) {
        void qc.invalidateQueries({ queryKey: ["train", "run", id] });
        void qc.invalidateQueries({ queryKey: ["train", "runs"] });
      }
      return appendPage(prev, page);
    },
    staleTime: Infinity,
    refetchInterval: (q) => (q.state.data?.isSettled ? false : EVENTS_POLL_MS),
  });
}

export const useBackends = () =>
  useQuery({ queryKey: ["train", "backends"], queryFn: () => fetchJson<{ backends: BackendAvailability[] }>("/api/train/backends").then((r) => r.backends), staleTime: 60_000 });

export function useStartRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundSpecInput & { withProblems?: boolean }) => fetchJson<{ run: RunSummary }>("/api/train/runs", { method: "POST", body }).then((r) => r.run),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["train", "runs"] }),
  });
}

/** How many verified reasoning problems a domain has (what "with reasoning problems" would add). */
export const useVerifiedProblemCount = (domain: string | null) =>
  useQuery({
    queryKey: ["reasoning", "problems", "verified-count", domain],
    enabled: !!domain,
    queryFn: () => fetchJson<{ total: number }>(`/api/reasoning/problems?domain=${encodeURIComponent(domain!)}&verdict=verified&limit=1`).then((r) => r.total),
  });

export function useStopRun(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ run: RunSummary }>(`/api/train/runs/${id}/stop`, { method: "POST", body: {} }).then((r) => r.run),
    onSuccess: (run) => {
      qc.setQueryData(["train", "run", id], run);
      return qc.invalidateQueries({ queryKey: ["train", "runs"] });
    },
  });
}

/** An evaluation of an agent on a dataset, as /api/evals lists it (the eval_runs row: its setup and the harness's summary). */
export type EvalRun = Pick<EvalRunRow, "id" | "runId" | "label" | "agent" | "dataset" | "trials" | "status" | "summary" | "createdAt">;
export type EvalSummary = NonNullable<EvalRun["summary"]>;
export type NewEval = { agent: string; dataset: DatasetRef; split: "validation"; trials: number; seed: number; maxTurns: number; runId: number; label: string };

/** Every evaluation (newest first), polled while any is running; the panel filters by dataset. */
export const useEvals = () =>
  useQuery({
    queryKey: ["evals"],
    queryFn: () => fetchJson<{ evals: EvalRun[] }>("/api/evals").then((r) => r.evals),
    refetchInterval: (q) => (q.state.data?.some((e) => e.status === "running") ? 2000 : false),
  });

export function useStartEval() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewEval) => fetchJson<{ eval: EvalRun }>("/api/evals", { method: "POST", body }).then((r) => r.eval),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["evals"] }),
  });
}
