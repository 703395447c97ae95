"use client";
import Link from "next/link";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { num } from "@/components/train/format";
import { stepRows, VAL_PASS, type StepRow } from "@/components/train/series";
import { useRunEvents } from "@/components/train/use-train";
import { METRICS } from "@/lib/train/protocol";

/**
 * A training run's reward curve, small: mean rollout reward per GRPO step and the validation
 * pass rate at its evaluations (the Train page's series, from the same live event log).
 */
export function RewardCurve({ runId, domain }: { runId: number; domain: string }) {
  const events = useRunEvents(runId);
  const rows = stepRows(events.data?.events ?? [], "grpo");
  return (
    <div data-testid="reward-curve">
      <div className="spread small"><span className="muted">{domain}</span><Link href={`/train/${runId}`}>run {runId} ›</Link></div>
      {rows.length === 0 ? (
        <p className="muted small">{events.data?.isSettled ? "The run reported no steps." : "Waiting for the first step…"}</p>
      ) : (
        <ResponsiveContainer width="100%" height={110}>
          <LineChart data={rows} margin={{ top: 4, right: 6, bottom: 0, left: -24 }}>
            <CartesianGrid stroke="#eef0f4" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} allowDecimals={false} tick={{ fontSize: 10 }} />
            <YAxis domain={[0, 1]} tick={{ fontSize: 10 }} />
            <Tooltip formatter={(v) => (typeof v === "number" ? num(v) : String(v))} labelFormatter={(s) => `step ${s}`} />
            <Line dataKey={(r: StepRow) => r[METRICS.scoreMean]} name="reward" stroke="#3558d6" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
            <Line dataKey={(r: StepRow) => r[VAL_PASS]} name="validation" stroke="#1f8a4c" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
