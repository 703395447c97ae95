"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useQueries } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { reviewFilterSearch, type ReviewFilter } from "@/lib/review/schema";
import { PAGE_SIZE, type ReviewListRow } from "./use-review";

const ROW = 36;

type Props = {
  filter: ReviewFilter;
  total: number;
  firstPage: ReviewListRow[];
  active: number;
  onActive: (index: number) => void;
  onOpen: (id: number) => void;
};

/**
 * The queue as a virtualized grid: only the rows in view (plus overscan) exist in the DOM, and
 * the pages under them are fetched by offset as the user scrolls, so 100k rows scroll like 100.
 */
export function ReviewTable({ filter, total, firstPage, active, onActive, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const pages = [...new Set(items.map((i) => Math.floor(i.index / PAGE_SIZE)))].filter((p) => p > 0);
  const loaded = useQueries({
    queries: pages.map((page) => ({
      queryKey: ["cases", "review-page", filter, page],
      queryFn: () => fetchJson<{ rows: ReviewListRow[]; total: number }>(`/api/review/cases?${reviewFilterSearch({ ...filter, limit: PAGE_SIZE, offset: page * PAGE_SIZE })}`),
      staleTime: 30_000,
    })),
  });
  const rowAt = (index: number): ReviewListRow | undefined => {
    const page = Math.floor(index / PAGE_SIZE);
    const rows = page === 0 ? firstPage : loaded[pages.indexOf(page)]?.data?.rows;
    return rows?.[index % PAGE_SIZE];
  };

  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active, { align: "auto" });
  }, [active, virtualizer]);

  return (
    <div className="review-grid" role="grid" aria-rowcount={total} data-testid="review-table">
      <div className="r-row r-head" role="row">
        <div>#</div><div>Outcome</div><div>Proof</div><div>Branch (what it tests)</div><div>Request</div><div>Domain</div><div>Generator</div><div>Review</div>
      </div>
      <div className="r-body" ref={scroller} style={{ height: `min(64vh, ${total * ROW + 2}px)` }}>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)` };
            if (!row) return <div key={item.key} className="r-row loading" style={style} role="row"><div>…</div><div /><div /><div>Loading row {item.index + 1}…</div></div>;
            return (
              <div key={item.key} className={`r-row${item.index === active ? " active" : ""}`} style={style} role="row" data-testid="review-row" data-case-id={row.id}
                onClick={() => onOpen(row.id)} onMouseEnter={() => onActive(item.index)}>
                <div className="mono">{row.id}</div>
                <div><span className={`badge ${row.outcome}`}>{row.outcome}</span></div>
                <div>{row.status === "verified" ? <span className="badge execute">verified</span> : <span className="badge refuse">failed</span>}</div>
                <div title={row.labels.join(" › ")}><strong>{row.labels.at(-1)}</strong>{row.labels.length > 2 && <span className="muted"> · {row.labels.slice(1, -1).join(" › ")}</span>}</div>
                <div title={row.task} className="muted">{row.task}</div>
                <div className="muted">{row.domainSlug ?? "—"}</div>
                <div className="muted">{row.generator}</div>
                <div>
                  <span className={`badge review-status ${row.reviewStatus}`}>{row.reviewStatus}</span>
                  {row.approvals + row.rejections > 0 && <span className="muted" style={{ fontSize: 11.5 }}> {row.approvals}✓ {row.rejections}✗</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
