import path from "node:path";
import { z } from "zod";
import type { Db } from "@/db/client";
import { listProblems, type ProblemFilter } from "@/db/queries/problems";
import type { DomainSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import { exportDataset, problemSplit, type ExportWarning, type ProblemExportRow, type Split } from "@/lib/export";
import { loadDomain } from "./flywheel";
import { ALL_DOMAINS, domainScope, FREE_TEXT } from "./library";
import type { Problem } from "./schema";

/** Booleans arrive as JSON from the page's form and as "true"/"false" in a download link's query. */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** What to export: the format, which problems (a domain slug, "free-text" or "all") and the split. */
export const ProblemExportInput = z.object({
  format: z.enum(["verl", "chat"]),
  domain: z.string().min(1).default(ALL_DOMAINS),
  approvedOnly: flag.default(false),
  validationRatio: z.coerce.number().min(0).max(1).default(0.1),
});
export type ProblemExportInput = z.infer<typeof ProblemExportInput>;

export interface ProblemExportSummary {
  rows: number;
  skipped: number;
  bySplit: Record<Split, number>;
  byDomain: [string, number][];
  warnings: ExportWarning[];
  snapshotHash: string;
  /** File names in the export folder (the parquet or JSONL per split, and README.md, the dataset card). */
  files: string[];
}

export { problemSplit };

export function problemExportRow(problem: Problem, domain: DomainSpec | null, validationRatio: number): ProblemExportRow {
  return { kind: "problem", id: problem.id, problem, domain, split: problemSplit(problem, validationRatio) };
}

const PAGE = 500;

/** The verified problems an export covers, a page at a time (never the whole library in memory), each with its domain. */
function* exportRows(db: Db, filter: ProblemFilter, validationRatio: number): Generator<ProblemExportRow> {
  const domains = new Map<string, DomainSpec>();
  const domainOf = (slug: string) => domains.get(slug) ?? domains.set(slug, loadDomain(db, slug)).get(slug)!;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = listProblems({ db, filter, limit: PAGE, offset });
    for (const { problem } of rows) yield problemExportRow(problem, problem.domain ? domainOf(problem.domain) : null, validationRatio);
    if (rows.length < PAGE) return;
  }
}

/** Why an export has nothing to write, and what to do about it. */
function nothingToExport(input: ProblemExportInput): DomainError {
  const where = input.domain === ALL_DOMAINS ? "" : input.domain === FREE_TEXT ? " among free-text (imported) problems" : ` in ${input.domain}`;
  const hint = input.approvedOnly ? "approve some in the library, or untick Approved only" : input.domain === FREE_TEXT ? "import some with `flywheel reasoning import`" : "generate some first";
  return new DomainError("not_found", `No ${input.approvedOnly ? "approved " : ""}verified problems to export${where}: ${hint}.`);
}

/**
 * Writes the verified problems in scope to `outDir` in verl or chat format, with the dataset card
 * and the snapshot hash of what was written: what the CLI and the page's export both call.
 */
export async function exportProblems({ db, input, outDir }: { db: Db; input: ProblemExportInput; outDir: string }): Promise<ProblemExportSummary> {
  const scope = domainScope(input.domain);
  if (scope) loadDomain(db, scope); // an unknown slug is a 404, not an empty export
  const filter: ProblemFilter = { verdict: "verified", ...(scope !== undefined ? { domain: scope } : {}), ...(input.approvedOnly ? { status: "approved" as const } : {}) };
  if (listProblems({ db, filter, limit: 1 }).total === 0) throw nothingToExport(input);
  const result = await exportDataset({
    format: input.format,
    rows: exportRows(db, filter, input.validationRatio),
    outDir,
    countTokens: false,
    hashCases: true,
    card: { title: `Flywheel Studio reasoning problems (${input.domain})` },
  });
  return {
    rows: result.rows,
    skipped: result.skipped,
    bySplit: result.stats.bySplit,
    byDomain: [...result.stats.byDomain],
    warnings: result.warnings,
    snapshotHash: result.snapshotHash!,
    files: result.files.map((f) => path.relative(outDir, f)),
  };
}
