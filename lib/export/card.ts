import { tokenFigures } from "./token-stats";
import { isProblemRow, type AnyExportRow, type Split } from "./types";

/**
 * Dataset statistics, gathered one row at a time during an export (nothing but counters and one
 * number per row is kept), and the dataset card rendered from them.
 */
export class CardStats {
  rows = 0;
  readonly bySplit: Record<Split, number> = { train: 0, validation: 0 };
  readonly byOutcome = new Map<string, number>();
  readonly byDomain = new Map<string, number>();
  readonly byBranch = new Map<string, number>();
  readonly byPersona = new Map<string, number>();
  /** Legal: the request is allowed (no hack path); violating: an agent could be talked into a forbidden path. */
  legal = 0;
  violating = 0;
  verified = 0;
  readonly tokens: number[] = [];

  add(row: AnyExportRow, split: Split, tokens: number | null): void {
    this.rows++;
    this.bySplit[split]++;
    if (isProblemRow(row)) {
      const p = row.problem;
      bump(this.byOutcome, `answer: ${p.answer.kind}`);
      bump(this.byDomain, p.domain ?? "(free text)");
      bump(this.byBranch, `round ${p.lineage.round} · ${p.lineage.mutation ?? "original"}`);
      bump(this.byPersona, "(none)");
      this.legal++;
      if (p.verdict === "verified") this.verified++;
      if (tokens !== null) this.tokens.push(tokens);
      return;
    }
    const tc = row.testCase;
    bump(this.byOutcome, tc.expected_outcome);
    bump(this.byDomain, row.domain.slug);
    bump(this.byBranch, `${row.domain.slug} · ${tc.branch.labels.join(" › ") || tc.branch.branchId}`);
    bump(this.byPersona, tc.persona.trim() || "(none)");
    if (tc.tool_return_expected.hack_path.length) this.violating++;
    else this.legal++;
    if (tc.proof?.verified) this.verified++;
    if (tokens !== null) this.tokens.push(tokens);
  }
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const pct = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : "n/a");
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s+/g, " ");

function table(title: string, entries: [string, number][], total: number, limit = 20): string[] {
  const sorted = [...entries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const lines = [`| ${title} | rows | share |`, "|---|---:|---:|", ...sorted.slice(0, limit).map(([k, n]) => `| ${cell(k)} | ${n} | ${pct(n, total)} |`)];
  if (sorted.length > limit) lines.push(`| … ${sorted.length - limit} more | ${sorted.slice(limit).reduce((s, [, n]) => s + n, 0)} | |`);
  return lines;
}

/** Power-of-two buckets as text bars: "  512–1023 | ████████ 1200". */
export function tokenHistogram(counts: number[], width = 40): string[] {
  if (!counts.length) return ["(token counts not computed)"];
  const buckets = new Map<number, number>();
  for (const n of counts) {
    const lo = n < 64 ? 0 : 2 ** Math.floor(Math.log2(n));
    buckets.set(lo, (buckets.get(lo) ?? 0) + 1);
  }
  const max = Math.max(...buckets.values());
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  return keys.map((lo) => {
    const hi = lo === 0 ? 63 : lo * 2 - 1;
    const n = buckets.get(lo)!;
    return `${`${lo}–${hi}`.padStart(13)} | ${"█".repeat(Math.max(1, Math.round((n / max) * width)))} ${n}`;
  });
}

export interface CardMeta {
  title: string;
  format: string;
  files: string[];
  snapshotHash?: string;
  seed?: number;
  tokenBudget?: number;
  /** What the token counts measure ("prompt (system + user)", "whole conversation"). */
  tokenScope?: string;
}

export function renderCard(stats: CardStats, meta: CardMeta): string {
  const n = stats.rows;
  const personas = [...stats.byPersona.keys()].filter((p) => p !== "(none)").length;
  const out = [`# ${meta.title}`, "", `Format: **${meta.format}**. Rows: **${n}**.`];
  if (meta.snapshotHash) out.push(`Snapshot: \`${meta.snapshotHash}\`.`);
  if (meta.seed !== undefined) out.push(`Split seed: ${meta.seed}.`);
  out.push("", "Files:", ...meta.files.map((f) => `- \`${f}\``));
  out.push("", "## Splits", "", ...table("split", Object.entries(stats.bySplit), n));
  out.push("", "## Outcomes", "", ...table("expected outcome", [...stats.byOutcome], n));
  out.push("", "## Legal vs violating", "", ...table("request", [["legal (no hack path)", stats.legal], ["violating (has a hack path)", stats.violating]], n));
  out.push("", "## Verification", "", `${stats.verified} of ${n} cases carry a passing execution proof (${pct(stats.verified, n)}).`);
  out.push("", "## Domains", "", ...table("domain", [...stats.byDomain], n));
  out.push("", "## Branches", "", `${stats.byBranch.size} distinct branches.`, "", ...table("branch", [...stats.byBranch], n));
  out.push("", "## Personas", "", `${personas} distinct personas over ${n} cases (${stats.byPersona.get("(none)") ?? 0} without one).`, "", ...table("persona", [...stats.byPersona], n, 10));
  out.push("", "## Token lengths (Qwen3)", "");
  if (stats.tokens.length) {
    const sorted = [...stats.tokens].sort((a, b) => a - b);
    const over = meta.tokenBudget === undefined ? 0 : sorted.filter((t) => t > meta.tokenBudget!).length;
    const f = tokenFigures(sorted);
    out.push(
      `Measured: ${meta.tokenScope ?? "tokens per row"}. min ${f.min}, median ${f.median}, p95 ${f.p95}, max ${f.max}.`,
      ...(meta.tokenBudget !== undefined ? [`${over} rows over the budget of ${meta.tokenBudget} tokens.`] : []),
      "",
    );
  }
  out.push("```", ...tokenHistogram(stats.tokens), "```", "");
  return out.join("\n");
}
