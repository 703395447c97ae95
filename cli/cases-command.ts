import fs from "node:fs";
import { studioDb } from "@/db";
import { getDomainBySlug } from "@/db/queries/domains";
import { listCases } from "@/db/queries/cases";
import type { Command } from "./commands";
import { args, print } from "./io";

const PAGE = 1000;

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
      for (let offset = 0; ; offset += PAGE) {
        const { rows } = listCases({ db, filter: { domainId: domain.id, status: values.status }, limit: PAGE, offset });
        for (const r of rows) fs.writeSync(fd, JSON.stringify({ id: r.id, status: r.status, reason: r.reason, tree_id: r.treeId, ...r.data }) + "\n");
        written += rows.length;
        if (rows.length < PAGE) break;
      }
    } finally {
      fs.closeSync(fd);
    }
    print(`${written} case(s) of ${slug} written to ${values.out}${written === 0 ? " (run `flywheel verify " + slug + "` first)" : ""}`);
    return 0;
  },
};
