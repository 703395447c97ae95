import { studioDb } from "@/db";
import { getSnapshot, snapshotRows } from "@/db/queries/snapshots";
import { EXPORT_FORMATS, exportDataset, type ExportFormat } from "@/lib/export";
import type { Command } from "./commands";
import { args, fail, print, printJson } from "./io";

const USAGE = `usage: flywheel export <snapshot-id> --format ${EXPORT_FORMATS.join("|")} --out DIR [--no-tokens] [--json]`;

/** Streams a snapshot's frozen cases into one export format, with the dataset card (README.md). */
export const exportCommand: Command = {
  async run(argv) {
    const { positionals, values } = args(argv, { format: { type: "string" }, out: { type: "string" }, "no-tokens": { type: "boolean" } });
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id < 1 || !values.out) throw new Error(USAGE);
    const format = values.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new Error(`unknown --format "${values.format ?? ""}"; ${USAGE}`);
    const db = studioDb();
    const snap = getSnapshot({ db, id });
    const result = await exportDataset({
      format,
      rows: snapshotRows({ db, id }),
      outDir: values.out,
      countTokens: !values["no-tokens"],
      card: { title: `${snap.name} (${format})`, seed: snap.seed, snapshotHash: snap.hash },
    });
    if (values.json) {
      printJson({ snapshot: id, format, files: result.files, rows: result.rows, skipped: result.skipped, warnings: result.warnings });
      return 0;
    }
    print(`${result.rows} rows written (${result.skipped} skipped)`);
    for (const f of result.files) print(`  ${f}`);
    for (const w of result.warnings) fail(`warning ${w.code}: ${w.message}`);
    return 0;
  },
};
