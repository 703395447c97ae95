"use client";
import { useState } from "react";
import { DifficultyHistogram } from "./difficulty-histogram";
import { ExportPanel } from "./export-panel";
import { FlywheelActions } from "./flywheel-actions";
import { ProblemFilters } from "./problem-filters";
import { ProblemTable } from "./problem-table";
import { ProblemView } from "./problem-view";
import { useProblems, type ProblemFilters as Filters } from "./use-reasoning";
import "./reasoning.css";

const PAGE = 50;

/** The reasoning flywheel: generate verifiable problems, evaluate, harden the failures, and watch difficulty shift. */
export function ReasoningPage({ agent, domain }: { agent?: string; domain?: string } = {}) {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const problems = useProblems(filters, page, PAGE);
  const total = problems.data?.total ?? 0;
  return (
    <div className="page">
      <h1>Reasoning</h1>
      <p className="lede">Data-analysis problems whose answers are computed by a query over the domain&apos;s database and reached through its read tools; the problems a policy fails come back harder, and each variant keeps its lineage.</p>
      <div className="reasoning-top">
        <FlywheelActions initialAgent={agent} initialDomain={domain} />
        <div className="reasoning-side">
          <DifficultyHistogram domain={filters.domain} />
          <ExportPanel />
        </div>
      </div>
      <div className="card section">
        <h2>Library <span className="muted">({total})</span></h2>
        <ProblemFilters value={filters} onChange={(f) => (setFilters(f), setPage(0))} />
        {problems.error && <div className="alert error">{problems.error.message}</div>}
        {problems.data && problems.data.rows.length === 0 && <p className="muted" data-testid="library-empty">No problems match. Generate some for a domain above, or import a JSONL file with <code>flywheel reasoning import</code>.</p>}
        {problems.data && problems.data.rows.length > 0 && <ProblemTable rows={problems.data.rows} selected={selected} onSelect={setSelected} />}
        {total > PAGE && (
          <div className="row" style={{ marginTop: 8 }}>
            <button className="btn small" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
            <span className="muted">{page * PAGE + 1}–{Math.min(total, (page + 1) * PAGE)} of {total}</span>
            <button className="btn small" disabled={(page + 1) * PAGE >= total} onClick={() => setPage(page + 1)}>Next</button>
          </div>
        )}
      </div>
      {selected && <ProblemView id={selected} onSelect={setSelected} />}
    </div>
  );
}
