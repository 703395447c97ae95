"use client";
import { useEffect, useState } from "react";
import { useDomains } from "@/components/domains/use-domains";
import { LEAF_KINDS } from "@/lib/tree/schema";
import { REVIEW_STATUSES, type ReviewFilter } from "@/lib/review/schema";
import { useReviewFacets } from "./use-review";

type Props = { filter: ReviewFilter; onChange: (next: ReviewFilter) => void };

/** The queue's filter bar; every change resets the list to its top. Text search waits for a pause in typing. */
export function ReviewFilters({ filter, onChange }: Props) {
  const domains = useDomains();
  const facets = useReviewFacets();
  const [text, setText] = useState(filter.q ?? "");
  const set = <K extends keyof ReviewFilter>(key: K, value: ReviewFilter[K] | "") => onChange({ ...filter, [key]: value === "" ? undefined : value });

  // The index searches trigrams: 1–2 characters would match nothing useful, so they wait.
  const query = text.trim().length >= 3 ? text.trim() : undefined;
  useEffect(() => {
    if (filter.q === query) return;
    const t = setTimeout(() => onChange({ ...filter, q: query }), 300);
    return () => clearTimeout(t);
  }, [query, filter, onChange]);

  const trees = domains.data?.domains.find((d) => d.slug === filter.domain)?.trees ?? [];
  return (
    <div className="review-filters" data-testid="review-filters">
      <input type="search" placeholder="Search the request and backgrounds (3+ characters)…" value={text} onChange={(e) => setText(e.target.value)} data-testid="review-search" aria-label="Search"
        title={text.trim() && !query ? "Type at least 3 characters" : undefined} />
      <select value={filter.domain ?? ""} onChange={(e) => onChange({ ...filter, domain: e.target.value || undefined, tree: undefined })} data-testid="review-filter-domain" aria-label="Domain">
        <option value="">All domains</option>
        {domains.data?.domains.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
      </select>
      {trees.length > 0 && (
        <select value={filter.tree ?? ""} onChange={(e) => set("tree", e.target.value ? Number(e.target.value) : "")} data-testid="review-filter-tree" aria-label="Tree">
          <option value="">All trees</option>
          {trees.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      )}
      <select value={filter.outcome ?? ""} onChange={(e) => set("outcome", e.target.value as ReviewFilter["outcome"])} data-testid="review-filter-outcome" aria-label="Outcome">
        <option value="">All outcomes</option>
        {LEAF_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      <select value={filter.status ?? ""} onChange={(e) => set("status", e.target.value as ReviewFilter["status"])} data-testid="review-filter-proof" aria-label="Proof">
        <option value="">Any proof</option>
        <option value="verified">Proof verified</option>
        <option value="unverified">Proof failed</option>
      </select>
      <select value={filter.review ?? ""} onChange={(e) => set("review", e.target.value as ReviewFilter["review"])} data-testid="review-filter-review" aria-label="Review status">
        <option value="">Any review status</option>
        {REVIEW_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select value={filter.generator ?? ""} onChange={(e) => set("generator", e.target.value)} aria-label="Generator">
        <option value="">Any generator</option>
        {facets.data?.generators.map((g) => <option key={g} value={g}>{g}</option>)}
      </select>
      {(facets.data?.personas.length ?? 0) > 0 && (
        <select value={filter.persona ?? ""} onChange={(e) => set("persona", e.target.value)} aria-label="Persona" style={{ maxWidth: 160 }}>
          <option value="">Any persona</option>
          {facets.data?.personas.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      )}
      <label className="check"><input type="checkbox" checked={!!filter.todo} onChange={(e) => set("todo", e.target.checked || "")} data-testid="review-filter-todo" /> My to-do</label>
      <label className="check"><input type="checkbox" checked={filter.reviewer === "me"} onChange={(e) => set("reviewer", e.target.checked ? "me" : "")} /> Reviewed by me</label>
    </div>
  );
}
