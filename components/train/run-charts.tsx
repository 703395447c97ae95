"use client";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { METRICS } from "@/lib/train/protocol";
import { hasSeries, REWARD_BAND, VAL_PASS, type StepRow } from "./series";
import { axisRange, num, tickDecimals } from "./format";

type Series = { key: string; name: string; color: string; dots?: boolean };
type Chart = { title: string; series: Series[]; band?: string; percent?: boolean; missing: string };

const BLUE = "#3558d6";
const GREEN = "#1f8a4c";
const CHARTS: Chart[] = [
  { title: "Reward (mean ± std)", band: REWARD_BAND, series: [{ key: METRICS.scoreMean, name: "mean", color: BLUE }], missing: "No rewards reported yet." },
  { title: "Pass rate", percent: true, series: [{ key: METRICS.passRate, name: "train rollouts", color: BLUE }, { key: VAL_PASS, name: "validation", color: GREEN, dots: true }], missing: "No rollouts scored yet." },
  { title: "KL to the start policy", series: [{ key: METRICS.klLoss, name: "KL", color: "#9b51e0" }], missing: "Not reported (KL coefficient 0 or not logged by this backend)." },
  { title: "Entropy", series: [{ key: METRICS.entropy, name: "entropy", color: "#d97706" }], missing: "Not reported by this backend." },
  { title: "Response length (tokens)", series: [{ key: METRICS.responseLengthMean, name: "mean", color: "#0f6f6a" }], missing: "Not reported by this backend." },
  { title: "Turns per episode", series: [{ key: METRICS.numTurnsMean, name: "turns", color: "#475467" }, { key: METRICS.toolCallsMean, name: "tool calls", color: "#b42318" }], missing: "Not reported by this backend." },
  { title: "Step time (s)", series: [{ key: METRICS.stepTime, name: "seconds", color: "#667085" }], missing: "Not reported by this backend." },
];

const value = (key: string) => (row: StepRow) => row[key];

function MetricChart({ chart, rows }: { chart: Chart; rows: StepRow[] }) {
  const shown = chart.series.filter((s) => hasSeries(rows, s.key));
  const plotted = [...shown.map((s) => s.key), ...(chart.band ? [chart.band] : [])].flatMap((k) => rows.flatMap((r) => r[k] ?? []));
  const range = chart.percent ? ([0, 1] as [number, number]) : axisRange(plotted);
  const decimals = tickDecimals(typeof range[0] === "number" ? (range as number[]) : plotted);
  const fmt = (v: unknown) => (typeof v === "number" ? (chart.percent ? `${Math.round(v * 100)}%` : num(v)) : Array.isArray(v) ? v.map((x) => num(x)).join(" – ") : String(v));
  return (
    <div className="card chart-card" data-testid="metric-chart">
      <h3>{chart.title}</h3>
      {shown.length === 0 ? (
        <p className="muted chart-empty">{chart.missing}</p>
      ) : (
        <ResponsiveContainer width="100%" height={170}>
          <ComposedChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#eef0f4" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} domain={range} tickFormatter={(v: number) => (chart.percent ? `${Math.round(v * 100)}%` : v.toFixed(decimals))} />
            <Tooltip formatter={fmt} labelFormatter={(s) => `step ${s}`} />
            {chart.band && hasSeries(rows, chart.band) && <Area dataKey={value(chart.band)} name="± std" stroke="none" fill={BLUE} fillOpacity={0.15} isAnimationActive={false} connectNulls />}
            {shown.map((s) => (
              <Line key={s.key} dataKey={value(s.key)} name={s.name} stroke={s.color} strokeWidth={2} dot={s.dots ? { r: 3 } : false} isAnimationActive={false} connectNulls />
            ))}
            {shown.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}

/** The run's curves, step by step, under verl's metric names; SFT loss when the round warm-started. */
export function RunCharts({ grpo, sft, isLive }: { grpo: StepRow[]; sft: StepRow[]; isLive: boolean }) {
  const sftChart: Chart = { title: "SFT loss (warm start)", series: [{ key: METRICS.sftLoss, name: "loss", color: "#c8322d" }], missing: "" };
  if (!grpo.length && !sft.length) {
    return (
      <div className="card section" data-testid="run-charts">
        <p className="muted" style={{ margin: 0 }}>
          {isLive
            ? "Waiting for the first step: the curves (reward, pass rate, KL, entropy, lengths, turns, step time) fill in as the trainer reports them. Loading the cases and the first evaluation of the untrained policy come first."
            : "This run reported no metrics before it ended; the log below says why."}
        </p>
      </div>
    );
  }
  return (
    <div className="chart-grid" data-testid="run-charts">
      {CHARTS.map((c) => <MetricChart key={c.title} chart={c} rows={grpo} />)}
      {hasSeries(sft, METRICS.sftLoss) && <MetricChart chart={sftChart} rows={sft} />}
    </div>
  );
}
