"use client";
import { useState } from "react";
import { SnapshotDetail } from "./snapshot-detail";
import { SnapshotForm } from "./snapshot-form";
import { useSnapshots } from "./use-datasets";
import "./datasets.css";

/** Snapshots: the list, the form for a new one, and the selected one's downloads and statistics. */
export function DatasetsPage() {
  const list = useSnapshots();
  const [selected, setSelected] = useState<number | null>(null);
  const rows = list.data?.snapshots ?? [];
  const current = selected ?? rows[0]?.id ?? null;
  return (
    <div className="page">
      <h1>Datasets</h1>
      <p className="lede">Snapshots are immutable, versioned copies of a domain&apos;s verified cases with a seeded train/validation split and a content hash; export them as verl parquet, chat JSONL or tau2-bench tasks.</p>
      <SnapshotForm onCreated={setSelected} />
      {list.error && <p className="alert" role="alert">{list.error.message}</p>}
      {list.isPending ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted">No snapshots yet.</p>
      ) : (
        <table className="snapshot-table" data-testid="snapshot-table">
          <thead>
            <tr><th>Domain</th><th>Version</th><th>Cases</th><th>Train</th><th>Validation</th><th>Hash</th><th>Approved only</th><th>Created</th></tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} className={s.id === current ? "selected" : ""} onClick={() => setSelected(s.id)} data-testid={`snapshot-row-${s.id}`}>
                <td>{s.domainSlug}</td>
                <td>v{s.version}</td>
                <td>{s.cases}</td>
                <td>{s.train}</td>
                <td>{s.validation}</td>
                <td className="mono" title={s.hash}>{s.hash.slice(0, 10)}</td>
                <td>{s.selection.approvedOnly ? "yes" : "no"}</td>
                <td title={s.createdBy}>{new Date(s.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current !== null && <SnapshotDetail id={current} />}
    </div>
  );
}
