import type { TestCase } from "@/lib/cases/schema";
import { importPaperRecord, parsePaperRecords } from "./paper-records";
import { importedToTestCase } from "./to-case";

export { parsePaperRecords, importPaperRecord, type ParsedPaperFile, type RecordImport } from "./paper-records";
export { createReplayEnvironment, ReplayEnvironment, hashWrites, type ReplayWrite } from "./replay-env";
export { proveImported, replayPath, type ImportProof, type ReplayRun } from "./replay-proof";
export { importedToTestCase } from "./to-case";
export { inferOutcome } from "./outcome";
export { ImportedCase, ImportedTool, ImportedTask, SplitBackground, ToolPaths } from "./schema";

export interface PaperFileImport {
  format: "json-array" | "jsonl";
  /** Record slots in the file: always imported.length + rejected.length. */
  records: number;
  imported: { index: number; line: number | null; id: string; case: TestCase }[];
  rejected: { index: number; line: number | null; id?: string; reason: string }[];
}

/**
 * Imports a file of the paper's filtered records (JSON array or JSONL). Every record slot ends
 * up imported or rejected with its reason, in file order; a second record with an id already
 * imported is rejected, since ids name cases.
 */
export function importPaperFile(text: string): PaperFileImport {
  const parsed = parsePaperRecords(text);
  const imported: PaperFileImport["imported"] = [];
  const rejected: PaperFileImport["rejected"] = parsed.lineErrors.map(({ index, line, reason }) => ({ index, line, reason }));
  const firstSlot = new Map<string, number>();
  parsed.records.forEach((raw, i) => {
    const { index, line } = parsed.origins[i];
    const result = importPaperRecord(raw, index);
    if (!result.ok) return rejected.push({ index, line, ...(result.id ? { id: result.id } : {}), reason: result.reason });
    const { id } = result.imported;
    const earlier = firstSlot.get(id);
    if (earlier !== undefined) return rejected.push({ index, line, id, reason: `duplicate id ${id} (first at record ${earlier})` });
    firstSlot.set(id, index);
    imported.push({ index, line, id, case: importedToTestCase(result.imported) });
  });
  rejected.sort((a, b) => a.index - b.index);
  return { format: parsed.format, records: imported.length + rejected.length, imported, rejected };
}
