"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { FREE_TEXT } from "@/lib/reasoning/library";
import { histogramRows, roundMeans } from "./family-tree";
import { useDifficultyHistogram } from "./use-reasoning";

const COLORS = ["#98a2b3", "#3558d6", "#1f8a4c", "#d97706", "#9b51e0", "#b42318"];

/** Verified problems per difficulty, one bar colour per round: the shift to harder problems at a glance. */
export function DifficultyHistogram({ domain }: { domain?: string }) {
  const { data, error } = useDifficultyHistogram(domain);
  const { rows, rounds } = histogramRows(data ?? []);
  return (
    <div className="card chart-card" data-testid="difficulty-histogram">
      <h3>Difficulty per round <span className="muted">· {domain === FREE_TEXT ? "free text" : (domain ?? "all domains")}</span></h3>
      {error ? (
        <div className="alert error">{error.message}</div>
      ) : !data ? (
        <p className="muted chart-empty">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted chart-empty">No verified problems yet: generate some, and each hardening round adds a bar colour.</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 10, left: -16 }}>
            <CartesianGrid stroke="#eef0f4" />
            <XAxis dataKey="difficulty" tick={{ fontSize: 11 }} label={{ value: "difficulty (solution steps + tool calls)", position: "insideBottom", offset: -2, fontSize: 11 }} height={36} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend verticalAlign="top" height={22} wrapperStyle={{ fontSize: 11 }} />
            {rounds.map((r, i) => <Bar key={r} dataKey={`round ${r}`} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />)}
          </BarChart>
        </ResponsiveContainer>
      )}
      {data && rows.length > 0 && (
        <p className="muted difficulty-means" data-testid="difficulty-means">
          Mean difficulty: {roundMeans(data).map((m) => <span key={m.round} data-testid={`round-mean-${m.round}`} data-mean={m.mean}>round {m.round} <strong>{m.mean}</strong> ({m.count})</span>)}
        </p>
      )}
    </div>
  );
}
