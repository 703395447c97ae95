import fs from "node:fs";
import { studioDb } from "@/db";
import { getDomainBySlug } from "@/db/queries/domains";
import { caseJsonLine, iterateCases } from "@/db/queries/cases";
import type { Command } from "./commands";
import { args, print } from "./io";

/** `cases <domain-slug> --out cases.jsonl`: writes the domain's stored cases, one JSON per line. */
export const casesCommand: Command = {
  run(argv) {
    const { positionals, values } = args(argv, { out: { type: "string" }, status: { type: "string" } });
    const slug = positionals[0];
    if (!slug || !values.out) throw new Error("usage: flywheel cases <domain-slug> --out cases.jsonl [--status verified|unverified]");
    const db = studioDb();
    const domain = getDomainBySlug({ db, slug });
    const fd = fs.openSync(values.out, "w");
    let written = 0;
    try {
      for (const row of iterateCases({ db, filter: { domainId: domain.id, status: values.status } })) {
        fs.writeSync(fd, caseJsonLine(row));
        written++;
      }
    } finally {
      fs.closeSync(fd);
    }
    print(`${written} case(s) of ${slug} written to ${values.out}${written === 0 ? ` (run \`flywheel verify ${slug}\` first)` : ""}`);
    return 0;
  },
};
