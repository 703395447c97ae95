"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import type { ReviewListRow } from "@/db/queries/reviews";
import type { BulkOutcome, DecisionOutcome } from "@/db/queries/reviews-decide";
import type { ReviewStats } from "@/db/queries/reviews-stats";
import type { JsonChange } from "@/lib/review/audit";
import { reviewFilterSearch, type BulkDecision, type CaseDecision, type CaseEdit, type CaseReviewState, type ReviewFilter, type ReviewPolicy } from "@/lib/review/schema";
import type { TestCase } from "@/lib/cases/schema";

export type { ReviewListRow };
export const PAGE_SIZE = 100;

export type ReviewCaseView = {
  case: { id: number; status: string; reason: string; source: string; generator: string; personaId: string | null; treeId: number | null; outcome: string; data: TestCase };
  domain: { slug: string; name: string } | null;
  review: CaseReviewState;
  reviews: { id: number; reviewerId: string; reviewerName: string; decision: string; reason: string | null; note: string; caseRevision: number; createdAt: string }[];
};
export type AuditView = { id: number; actorName: string; action: string; at: string; changes: JsonChange[] };
export type Neighbors = { previous: number | null; next: number | null; position: number; total: number };

/** One page of the filtered queue; pages are cached per filter and index, so scrolling back is free. */
export const useReviewPage = (filter: ReviewFilter, page: number, enabled = true) =>
  useQuery({
    queryKey: ["cases", "review-page", filter, page],
    queryFn: () => fetchJson<{ rows: ReviewListRow[]; total: number }>(`/api/review/cases?${reviewFilterSearch({ ...filter, limit: PAGE_SIZE, offset: page * PAGE_SIZE })}`),
    placeholderData: page === 0 ? keepPreviousData : undefined,
    enabled,
  });

export const useReviewCase = (id: number) =>
  useQuery({ queryKey: ["cases", "review-case", id], queryFn: () => fetchJson<ReviewCaseView>(`/api/review/cases/${id}`) });

export const useNeighbors = (id: number, filter: ReviewFilter) =>
  useQuery({ queryKey: ["cases", "neighbors", id, filter], queryFn: () => fetchJson<Neighbors>(`/api/review/neighbors?${reviewFilterSearch({ ...filter, id })}`) });

export const useAudit = (id: number) =>
  useQuery({ queryKey: ["cases", "audit", id], queryFn: () => fetchJson<{ entries: AuditView[] }>(`/api/audit?entity=case&id=${id}`) });

export const useReviewFacets = () =>
  useQuery({ queryKey: ["review-facets"], queryFn: () => fetchJson<{ generators: string[]; personas: string[] }>("/api/review/facets"), staleTime: 60_000 });

export const useReviewStats = (filter: ReviewFilter) =>
  useQuery({ queryKey: ["cases", "review-stats", filter], queryFn: () => fetchJson<ReviewStats & { policy: ReviewPolicy }>(`/api/review/stats?${reviewFilterSearch(filter)}`) });

/** Approve / reject / skip one case; every case query refetches (lists, neighbours, the audit). */
export function useCaseDecision(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (decision: CaseDecision) => fetchJson<DecisionOutcome>(`/api/cases/${id}/decision`, { method: "POST", body: decision }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["cases"] }),
  });
}

/** Rewrites a case's text; the server re-proves it and answers with the new proof. */
export function useCaseEdit(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { changes: CaseEdit; baseRevision: number }) => fetchJson<DecisionOutcome>(`/api/cases/${id}`, { method: "PUT", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["cases"] }),
  });
}

export function useBulkDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { filter: ReviewFilter; decision: BulkDecision; expected: number }) => fetchJson<BulkOutcome>("/api/review/bulk", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["cases"] }),
  });
}
