import { studioDb } from "@/db";
import { createSnapshot } from "@/db/queries/snapshots";
import type { Command } from "./commands";
import { args, print, printJson, table } from "./io";

const USAGE = "usage: flywheel snapshot <domain-slug> [--approved] [--seed N] [--validation-ratio R] [--json]";

/** Freezes a domain's verified (or approved) cases into a new snapshot version. */
export const snapshotCommand: Command = {
  run(argv) {
    const { positionals, values } = args(argv, { approved: { type: "boolean" }, seed: { type: "string" }, "validation-ratio": { type: "string" } });
    const slug = positionals[0];
    if (!slug) throw new Error(USAGE);
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    const ratio = values["validation-ratio"] === undefined ? 0.1 : Number(values["validation-ratio"]);
    const snap = createSnapshot({ db: studioDb(), domainSlug: slug, approvedOnly: values.approved ?? false, seed, validationRatio: ratio, createdBy: "cli" });
    if (values.json) {
      printJson(snap);
      return 0;
    }
    print(table([["id", "version", "cases", "train", "validation", "hash"], [snap.id, snap.version, snap.cases, snap.train, snap.validation, snap.hash.slice(0, 12)]]));
    return 0;
  },
};
