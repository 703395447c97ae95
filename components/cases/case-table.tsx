"use client";
import Link from "next/link";
import { useState } from "react";
import { LEAF_KINDS } from "@/lib/tree/schema";
import { useCases, useVerifyDomain } from "./use-cases";
import { VerifySummaryView } from "./verify-summary";

const PAGE = 100;

/** A domain's test cases: verify (synthesize + prove) and browse with filters. */
export function CaseTable({ slug }: { slug: string }) {
  const [status, setStatus] = useState("");
  const [outcome, setOutcome] = useState("");
  const [offset, setOffset] = useState(0);
  const { data, error, isLoading } = useCases({ domain: slug, status, outcome, offset });
  const verify = useVerifyDomain(slug);
  return (
    <div className="card">
      <div className="spread">
        <h2>Test cases</h2>
        <button className="btn primary" onClick={() => verify.mutate()} disabled={verify.isPending} data-testid="verify-domain">
          {verify.isPending ? "Synthesizing and proving…" : "Synthesize & verify all branches"}
        </button>
      </div>
      <p className="muted" style={{ marginTop: 0 }}>One case per branch: an initial database and user facts found by search, the normal path executed to the branch&apos;s leaf, and the hack path shown to break the policy.</p>
      {verify.error && <div className="alert error">{verify.error.message}</div>}
      {verify.data && <VerifySummaryView summary={verify.data} />}
      <div className="row" style={{ margin: "10px 0" }}>
        <select value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }} style={{ maxWidth: 180 }} data-testid="filter-status">
          <option value="">All statuses</option><option value="verified">Verified</option><option value="unverified">Unverified</option>
        </select>
        <select value={outcome} onChange={(e) => { setOutcome(e.target.value); setOffset(0); }} style={{ maxWidth: 180 }} data-testid="filter-outcome">
          <option value="">All outcomes</option>
          {LEAF_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <span className="muted">{data ? `${data.total} case(s)` : ""}</span>
      </div>
      {isLoading && <p className="muted">Loading…</p>}
      {error && <div className="alert error">{error.message}</div>}
      {data && data.total === 0 && <p className="muted">No cases yet: press “Synthesize &amp; verify”.</p>}
      {data && data.total > 0 && (
        <table className="simple" data-testid="case-table">
          <thead><tr><th>#</th><th>Outcome</th><th>Status</th><th>Request</th><th>Branch</th></tr></thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <td><Link href={`/cases/${c.id}`}>{c.id}</Link></td>
                <td><span className={`badge ${c.outcome}`}>{c.outcome}</span></td>
                <td>{c.status === "verified" ? <span className="badge execute">verified</span> : <span className="badge refuse" title={c.reason}>unverified</span>}</td>
                <td><Link href={`/cases/${c.id}`}>{c.task}</Link></td>
                <td className="muted" style={{ fontSize: 12.5 }}>{c.labels.slice(1).join(" › ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.total > PAGE && (
        <div className="row" style={{ marginTop: 8 }}>
          <button className="btn small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
          <span className="muted">{offset + 1}–{Math.min(offset + PAGE, data.total)} of {data.total}</span>
          <button className="btn small" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>Next</button>
        </div>
      )}
    </div>
  );
}
