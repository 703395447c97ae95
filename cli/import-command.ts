import fs from "node:fs";
import { studioDb } from "@/db";
import { importFile } from "@/db/queries/imports";
import type { Command } from "./commands";
import { args, print, printJson } from "./io";

export const importCommand: Command = {
  run(argv) {
    const { positionals, values } = args(argv, { domain: { type: "string" } });
    const file = positionals[0];
    if (!file) throw new Error("usage: flywheel import <file> [--domain <slug>] [--json]");
    const text = fs.readFileSync(file, "utf8");
    const result = importFile({ db: studioDb(), text, fileName: file, domainSlug: values.domain });
    if (values.json) {
      const { records, imported, rejected, kind, warnings, treeId } = result;
      printJson({ records, imported, rejected, kind, ...(warnings ? { warnings } : {}), ...(treeId ? { treeId } : {}) });
    } else {
      print(`${result.kind}: ${result.records} record(s), ${result.imported} imported, ${result.rejected.length} rejected`);
      for (const r of result.rejected) print(`  rejected #${r.index}: ${r.reason}`);
      for (const w of result.warnings ?? []) print(`  warning: ${w}`);
    }
    return 0;
  },
};
