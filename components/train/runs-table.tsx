"use client";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { StatusBadge } from "./status-badge";
import { duration, num, when } from "./format";
import type { RunSummary } from "./use-train";

/** Every training run, newest first; a row opens the run. */
export function RunsTable({ runs }: { runs: RunSummary[] }) {
  const router = useRouter();
  return (
    <table className="simple train-table" data-testid="runs-table">
      <thead>
        <tr>
          <th>Name</th><th>Backend</th><th>Dataset</th><th>Status</th>
          <th className="num">Steps</th><th className="num">Best val. reward</th><th>Started</th><th>Ended</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} onClick={() => router.push(`/train/${r.id}`)} data-testid={`run-row-${r.id}`}>
            <td><Link href={`/train/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.name || `Run ${r.id}`}</Link></td>
            <td>{r.backend}</td>
            <td>{r.datasetLabel}</td>
            <td><StatusBadge status={r.status} /></td>
            <td className="num">{r.progress.steps} / {r.spec.schedule.steps}</td>
            <td className="num">{num(r.progress.bestValReward)}</td>
            <td className="nowrap">{r.startedAt ? when(r.startedAt) : <span className="muted">queued {when(r.createdAt)}</span>}</td>
            <td className="nowrap">{r.endedAt ? `${when(r.endedAt)} (${duration(r.startedAt, r.endedAt)})` : r.startedAt ? `running ${duration(r.startedAt, null)}` : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
