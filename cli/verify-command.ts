import { studioDb } from "@/db";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import type { Command } from "./commands";
import { args, print, printJson, table } from "./io";

export const verifyCommand: Command = {
  run(argv) {
    const { positionals, values } = args(argv, { seed: { type: "string" } });
    const slug = positionals[0];
    if (!slug) throw new Error("usage: flywheel verify <domain-slug> [--seed N] [--json]");
    const summary = verifyAndStoreDomain({ db: studioDb(), slug, seed: values.seed ? Number(values.seed) : 1 });
    if (values.json) {
      printJson(summary);
      return 0;
    }
    print(table([["branches", "cases", "verified", "unsatisfiable", "failed"], [summary.branches, summary.cases, summary.verified, summary.unsatisfiable.length, summary.failed.length]]));
    for (const u of summary.unsatisfiable) print(`unsatisfiable  ${u.tree}: ${u.branch}\n               ${u.reason}`);
    for (const f of summary.failed) print(`failed         ${f.tree}: ${f.branch}\n               ${f.reason}`);
    return 0;
  },
};
