"use client";
import { useState } from "react";
import { useDomains } from "@/components/domains/use-domains";
import { ALL_DOMAINS, FREE_TEXT } from "@/lib/reasoning/library";
import { SelectField } from "./select-field";
import { useExportProblems, type ProblemExport } from "./use-reasoning";

type Format = "verl" | "chat";
const FORMATS: [Format, string][] = [["verl", "verl parquet (RL)"], ["chat", "chat JSONL (SFT)"]];

/** A file's button: the dataset card by name, a split's file with its row count. */
function fileLabel(name: string, bySplit: ProblemExport["bySplit"]): string {
  if (name === "README.md") return "Dataset card";
  const rows = name.startsWith("val.") ? bySplit.validation : bySplit.train;
  return `${name} · ${rows} rows`;
}

function ExportResult({ result }: { result: ProblemExport }) {
  return (
    <div className="export-result" data-testid="export-result">
      <p className="alert ok" data-testid="export-summary">
        {result.rows} problem(s) exported: {result.bySplit.train} train · {result.bySplit.validation} validation
        {result.skipped > 0 && <> · <strong>{result.skipped} skipped</strong></>}
      </p>
      <p className="muted">
        By domain: {result.byDomain.map(([d, n]) => `${d} ${n}`).join(" · ")}
        <br />
        Snapshot hash <span className="mono" title={result.snapshotHash} data-testid="export-hash">{result.snapshotHash.slice(0, 16)}…</span>
      </p>
      <p className="row downloads">
        {result.downloads.map((d) => (
          <a key={d.name} className="btn small" href={d.url} download data-testid={`export-download-${d.name}`}>{fileLabel(d.name, result.bySplit)}</a>
        ))}
      </p>
      {result.warnings.length > 0 && (
        <details data-testid="export-warnings">
          <summary>{result.warnings.length} warning(s)</summary>
          <ul>{result.warnings.map((w, i) => <li key={i} className="mono">{w.message}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

/** Verified problems as a training dataset (the CLI's `flywheel reasoning export`), downloaded file by file. */
export function ExportPanel() {
  const domains = useDomains().data?.domains ?? [];
  const sources: [string, string][] = [[ALL_DOMAINS, "all problems"], ...domains.map((d): [string, string] => [d.slug, d.name]), [FREE_TEXT, "free text (imported)"]];
  const run = useExportProblems();
  const [format, setFormat] = useState<Format>("verl");
  const [domain, setDomain] = useState(ALL_DOMAINS);
  const [approvedOnly, setApprovedOnly] = useState(false);
  const [validationRatio, setRatio] = useState(0.1);
  // a result belongs to the choices that made it: changing one clears it
  const change = <T,>(set: (v: T) => void) => (v: T) => (set(v), run.reset());

  return (
    <div className="card export-panel" data-testid="export-panel">
      <h2>Export</h2>
      <div className="action-grid export-grid">
        <SelectField label="Format" value={format} onChange={(v) => change(setFormat)(v as Format)} options={FORMATS} testId="export-format" />
        <SelectField label="Problems from" value={domain} onChange={change(setDomain)} options={sources} testId="export-domain" />
      </div>
      <div className="row">
        <label className="check">
          Validation share <input type="number" min={0} max={1} step={0.05} value={validationRatio} onChange={(e) => change(setRatio)(Number(e.target.value))} data-testid="export-ratio" />
        </label>
        <label className="check">
          <input type="checkbox" checked={approvedOnly} onChange={(e) => change(setApprovedOnly)(e.target.checked)} data-testid="export-approved" /> Approved only
        </label>
        <button className="btn primary" disabled={run.isPending} onClick={() => run.mutate({ format, domain, approvedOnly, validationRatio })} data-testid="export-button">
          {run.isPending ? "Exporting…" : "Export"}
        </button>
      </div>
      <p className="muted">Verified problems only; a problem and its hardened variants always land in the same split.</p>
      {run.error && <div className="alert error" role="alert" data-testid="export-error">{run.error.message}</div>}
      {run.data && <ExportResult result={run.data} />}
    </div>
  );
}
