"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { JobProgress } from "@/lib/jobs/progress";

const ACTIVE = new Set(["queued", "running"]);

/** A job's progress, polled every second while it is active. */
export function useJobProgress(id: number | null) {
  return useQuery({
    queryKey: ["job", id],
    enabled: id !== null,
    queryFn: () => fetchJson<{ progress: JobProgress }>(`/api/jobs/${id}`).then((r) => r.progress),
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.status) ? false : 1000),
  });
}

export function useJobAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: "cancel" | "pause" | "resume" | "retry-failed") => fetchJson<{ progress: JobProgress }>(`/api/jobs/${id}`, { method: "POST", body: { action } }),
    onSuccess: (r) => qc.setQueryData(["job", id], r.progress),
  });
}
