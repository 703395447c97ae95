"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { useDomains } from "@/components/domains/use-domains";
import type { ImportResult } from "@/db/queries/imports";

/** Upload the paper's records (JSON array or JSONL) or a policy tree; every rejected record is listed. */
export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [domain, setDomain] = useState("");
  const domains = useDomains();
  const upload = useMutation({
    mutationFn: async () => fetchJson<ImportResult>("/api/import", { method: "POST", body: { text: await file!.text(), fileName: file!.name, domain: domain || undefined } }),
  });
  const r = upload.data;
  return (
    <div className="card" style={{ maxWidth: 820 }}>
      <label className="field"><span>File</span><input type="file" accept=".json,.jsonl" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" /></label>
      <label className="field"><span>Domain (for a policy tree)</span>
        <select value={domain} onChange={(e) => setDomain(e.target.value)} style={{ maxWidth: 320 }}>
          <option value="">— none (paper records) —</option>
          {domains.data?.domains.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
        </select>
      </label>
      <button className="btn primary" disabled={!file || upload.isPending} onClick={() => upload.mutate()} data-testid="import-submit">{upload.isPending ? "Importing…" : "Import"}</button>
      {upload.error && <div className="alert error">{upload.error.message}</div>}
      {r && (
        <div className={`alert ${r.rejected.length ? "warn" : "ok"}`} data-testid="import-result">
          {r.kind === "paper-records" ? "Paper records" : "Behavior tree"}: {r.records} record(s), <strong>{r.imported}</strong> imported, <strong>{r.rejected.length}</strong> rejected.
          {r.treeId && <> <Link href={`/trees/${r.treeId}`}>Open the tree →</Link></>}
          {r.rejected.map((x) => <div key={x.index} className="mono" style={{ fontSize: 12.5 }}>#{x.index}: {x.reason}</div>)}
          {r.warnings?.map((w, i) => <div key={i} style={{ fontSize: 12.5 }}>warning: {w}</div>)}
        </div>
      )}
    </div>
  );
}
