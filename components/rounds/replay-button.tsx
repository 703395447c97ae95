"use client";
import { useReplay } from "./use-rounds";

/** Re-runs a closed round from its records and shows whether the snapshot hashes match. */
export function ReplayButton({ roundId }: { roundId: number }) {
  const replay = useReplay(roundId);
  const report = replay.data;
  return (
    <div className="block small" data-testid="replay">
      <button className="btn small" onClick={() => replay.mutate()} disabled={replay.isPending}>{replay.isPending ? "Re-running…" : "Re-run from records"}</button>
      {replay.error && <div className="alert error small">{replay.error.message}</div>}
      {report?.domains.map((d) => (
        <div key={d.domain} className={d.isSameHash ? "delta-up" : "delta-down"} data-testid="replay-result">
          {d.domain}: {d.isSameHash ? "same snapshot hash" : "different hash"} ({d.replayedHash.slice(0, 12)}), {d.identical}/{d.regenerated} cases identical{d.isSameWeakNodes ? "" : ", weak nodes differ"}
        </div>
      ))}
    </div>
  );
}
