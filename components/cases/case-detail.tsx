"use client";
import Link from "next/link";
import { useCase } from "./use-cases";
import { CaseBody } from "./case-body";

/** One case, laid out so a reviewer can judge it in seconds (the body is shared with /review). */
export function CaseDetail({ id }: { id: number }) {
  const { data, error, isLoading } = useCase(id);
  if (isLoading) return <div className="page muted">Loading…</div>;
  if (error || !data) return <div className="page"><div className="alert error">{error?.message ?? "Not found"}</div></div>;
  const { data: c, status, reason, treeId, outcome } = data.case;
  return (
    <div className="page" data-testid="case-detail">
      <p className="muted" style={{ margin: 0 }}>
        Case #{id} {treeId && <>· from <Link href={`/trees/${treeId}`}>tree {treeId}</Link></>} · {c.branch.labels.join(" › ")} · <Link href={`/review/${id}`}>review it</Link>
      </p>
      <div className="row" style={{ margin: "6px 0 14px" }}>
        <h1 style={{ margin: 0 }}>“{c.task}”</h1>
      </div>
      <div className="row" style={{ marginBottom: 14 }}>
        <span className={`badge ${outcome}`}>expected: {outcome}</span>
        {status === "verified" ? <span className="badge execute">proof verified</span> : <span className="badge refuse">unverified: {reason}</span>}
      </div>
      <CaseBody testCase={c} status={status} reason={reason} />
    </div>
  );
}
