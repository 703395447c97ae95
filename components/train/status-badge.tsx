import type { RunStatus } from "@/lib/train/protocol";

/** A run's status as a colored badge (Ray job statuses). */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge status-${status}`} data-testid="run-status">{status}</span>;
}
