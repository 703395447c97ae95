"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { readReviewFilter, reviewFilterSearch, type ReviewFilter } from "@/lib/review/schema";
import { BulkActions } from "./bulk-actions";
import { FlashToast } from "./flash-toast";
import { ReviewFilters } from "./review-filters";
import { ReviewStatsLine } from "./review-stats-line";
import { ReviewTable } from "./review-table";
import { useReviewPage } from "./use-review";
import "./review.css";

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));

/** /review: the filtered queue of cases, bulk actions on the selection, and J/K/Enter to pick one. */
export function ReviewQueue() {
  const router = useRouter();
  const params = useSearchParams();
  // The filter lives here and is mirrored into the URL (so a reload, the focus view and Back keep
  // it); the URL updates asynchronously, so it is never read back while the user changes filters.
  const [filter, setFilterState] = useState(() => readReviewFilter(new URLSearchParams(params.toString())));
  const search = reviewFilterSearch(filter);
  const setFilter = useCallback((next: ReviewFilter) => {
    setFilterState(next);
    router.replace(`/review${reviewFilterSearch(next) ? `?${reviewFilterSearch(next)}` : ""}`, { scroll: false });
  }, [router]);
  const first = useReviewPage(filter, 0);
  const total = first.data?.total ?? 0;
  // The highlighted row belongs to the filter it was picked under; a new filter starts with none.
  const [picked, setPicked] = useState({ search, index: -1 });
  const active = picked.search === search ? picked.index : -1;
  const setActive = useCallback((next: number | ((a: number) => number)) =>
    setPicked((p) => {
      const from = p.search === search ? p.index : -1;
      return { search, index: typeof next === "function" ? next(from) : next };
    }), [search]);
  const open = useCallback((id: number) => router.push(`/review/${id}${search ? `?${search}` : ""}`), [router, search]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      if (e.key === "/") { e.preventDefault(); document.querySelector<HTMLInputElement>("[data-testid=review-search]")?.focus(); }
      else if (e.key === "j" || e.key === "ArrowDown") { e.preventDefault(); setActive((a) => Math.min(total - 1, a + 1)); }
      else if (e.key === "k" || e.key === "ArrowUp") { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
      else if (e.key === "Enter" && active >= 0) {
        const row = document.querySelector<HTMLElement>(`.r-row.active[data-case-id]`);
        if (row) open(Number(row.dataset.caseId));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [total, active, open, setActive]);

  return (
    <div className="review-page" data-testid="review-queue">
      <div className="spread">
        <div>
          <h1 style={{ margin: 0, fontSize: 22 }}>Review</h1>
          <p className="muted" style={{ margin: "2px 0 0" }}>Judge each case: approve it into the dataset, reject it with a reason, or fix its text. Click a row or press <span className="kbd">Enter</span> to open it.</p>
        </div>
        <BulkActions filter={filter} total={total} />
      </div>
      <ReviewFilters filter={filter} onChange={setFilter} />
      <div className="spread" style={{ margin: "4px 0 8px" }}>
        <span data-testid="review-count"><strong>{first.isLoading ? "…" : total.toLocaleString()}</strong> case(s)</span>
        <ReviewStatsLine filter={filter} />
        <span className="shortcut-legend"><span><span className="kbd">J</span><span className="kbd">K</span>move</span><span><span className="kbd">Enter</span>open</span><span><span className="kbd">/</span>search</span></span>
      </div>
      {first.error && <div className="alert error">{first.error.message}</div>}
      {first.data && total === 0 && <div className="card muted" data-testid="review-empty">No case matches these filters. Cases appear here once a domain is verified (Domains › a domain › Test cases › Synthesize &amp; verify).</div>}
      <FlashToast />
      {first.data && total > 0 && <ReviewTable filter={filter} total={total} firstPage={first.data.rows} active={active} onActive={setActive} onOpen={open} />}
    </div>
  );
}
