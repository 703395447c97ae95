import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import type { Problem } from "@/lib/reasoning/schema";

/** One case to export, with the domain it runs in (policy, tools with effects, seed db). */
export interface ExportRow {
  kind?: "case";
  /** Unique within one export: the parquet index, the tau2 task id, the JSONL metadata id. */
  id: string;
  testCase: TestCase;
  domain: DomainSpec;
  /** Overrides the export's split map for this row. */
  split?: Split;
}

/** One reasoning problem to export (lib/reasoning), with the domain whose read tools it uses (null: free text). */
export interface ProblemExportRow {
  kind: "problem";
  id: string;
  problem: Problem;
  domain: DomainSpec | null;
  split?: Split;
}

export type AnyExportRow = ExportRow | ProblemExportRow;
export const isProblemRow = (row: AnyExportRow): row is ProblemExportRow => row.kind === "problem";

/** Rows arrive one at a time (a db cursor, a generator): exports never need them all at once. */
export type RowSource = Iterable<AnyExportRow> | AsyncIterable<AnyExportRow>;

export const SPLITS = ["train", "validation"] as const;
export type Split = (typeof SPLITS)[number];

export const EXPORT_FORMATS = ["verl", "chat", "tau2"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Something a curator should look at; exports never drop a row without one. */
export interface ExportWarning {
  rowId: string | null;
  code: "over_budget" | "row_skipped" | "duplicate_id" | "not_expressible" | "domain_changed" | "truncated";
  message: string;
}

/** What one format's writer needs to know about a row beyond the row. */
export interface RowContext {
  split: Split;
  /** Where the writer reports problems with this row. */
  warn: (code: ExportWarning["code"], message: string) => void;
}

/**
 * One export format: rows go in one at a time; `add` returns the row's token count (the
 * format's prompt or conversation, when counting is on) for the dataset card.
 */
export interface FormatWriter {
  add(row: AnyExportRow, ctx: RowContext): Promise<number | null>;
  /** Finishes every file; returns their paths. */
  close(): Promise<string[]>;
}

/** The domain slug a row's files and group keys use. */
export const domainSlug = (row: Pick<ExportRow, "domain">): string => row.domain.slug;

/**
 * A file could not be written: the export stops (code "internal"), where a row that cannot be
 * converted is only skipped.
 */
export function writeFailed(file: string, e: unknown): DomainError {
  return new DomainError("internal", `writing ${file} failed: ${e instanceof Error ? e.message : String(e)}`);
}

export const isWriteFailure = (e: unknown): e is DomainError => e instanceof DomainError && e.code === "internal";
