import { studioDb } from "@/db";
import { summarizeDomains } from "@/db/queries/summary";
import type { Command } from "./commands";
import { args, print, printJson, table } from "./io";

export const domainsCommand: Command = {
  run(argv) {
    const { values } = args(argv);
    const summary = summarizeDomains({ db: studioDb() }).map(({ slug, name, trees }) => ({
      slug,
      name,
      trees: trees.map(({ id, name, branches, outcomes }) => ({ id, name, branches, outcomes })),
    }));
    if (values.json) {
      printJson(summary);
      return 0;
    }
    const rows: (string | number)[][] = [["domain", "tree", "branches", "execute", "clarify", "refuse", "transfer", "abort"]];
    for (const d of summary)
      for (const t of d.trees)
        rows.push([d.slug, `${t.id} ${t.name}`, t.branches, t.outcomes.execute, t.outcomes.clarify, t.outcomes.refuse, t.outcomes.transfer, t.outcomes.abort]);
    print(table(rows));
    return 0;
  },
};
