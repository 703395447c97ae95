import type { ChatMessage } from "@/lib/chat/schema";
import type { EvalSummary } from "./metrics";

const num = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

function columns(rows: (string | number)[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd());
}

/** One line per message: who, then the words or the calls (the system prompt is left out). */
export function formatTrajectory(messages: ChatMessage[], width = 160): string[] {
  return messages.flatMap((m) => {
    if (m.role === "system") return [];
    if (m.role === "assistant" && m.tool_calls?.length) {
      const calls = m.tool_calls.map((c) => `${c.function.name}(${c.function.arguments})`).join(", ");
      return [clip(`agent → ${calls}${m.content ? `  "${m.content}"` : ""}`, width)];
    }
    const who = m.role === "assistant" ? "agent" : m.role === "tool" ? "tool " : "user ";
    return [clip(`${who}: ${(m.content ?? "").replace(/\s+/g, " ")}`, width)];
  });
}

/** The summary as a terminal report: headline, per kind, per outcome, then the failures with their trajectories. */
export function formatSummary(s: EvalSummary, { maxFailures = 10 }: { maxFailures?: number } = {}): string {
  const out = [
    `${s.agent} on ${s.dataset}: ${s.cases} case${s.cases === 1 ? "" : "s"} × ${s.k} trial${s.k === 1 ? "" : "s"}`,
    `pass@1 ${num(s.pass_at_1)}   pass^${s.k} ${num(s.pass_hat_k)}   mean reward ${num(s.mean_reward)}`,
    "",
    ...columns([["kind", "cases", "pass@1", `pass^${s.k}`], ...Object.entries(s.by_kind).map(([k, v]) => [k, v.cases, num(v.pass_at_1), num(v.pass_hat_k)])]),
    "",
    ...columns([["outcome", "trials", "share"], ...Object.entries(s.by_outcome).map(([o, v]) => [o, v!.trials, pct(v!.share)])]),
  ];
  if (s.failures.length) out.push("", `failures (${s.failures.length}):`);
  for (const f of s.failures.slice(0, maxFailures)) {
    out.push("", `case ${f.case_id}  trial ${f.trial}  ${f.kind}  ${f.outcome}  ended: ${f.end_reason}${f.observed ? `  observed: ${f.observed}` : ""}`);
    if (f.error) out.push(`  error: ${f.error}`);
    out.push(...formatTrajectory(f.messages).map((line) => `  ${line}`));
  }
  if (s.failures.length > maxFailures) out.push("", `… ${s.failures.length - maxFailures} more failures (--json lists them all)`);
  return out.join("\n");
}
