import type { Db } from "../client";
import { listDomains, listTreesOfDomain } from "./domains";
import { countOutcomes, enumerateBranches } from "@/lib/tree/branches";

/** Domains with their trees' branch counts per outcome kind (the CLI's `domains --json` shape). */
export function summarizeDomains({ db }: { db: Db }) {
  return listDomains({ db }).map((d) => ({
    slug: d.slug,
    name: d.name,
    description: d.description,
    tools: d.tools.length,
    tables: Object.keys(d.db).length,
    trees: listTreesOfDomain({ db, domainId: d.id }).map((t) => {
      const branches = enumerateBranches(t.document);
      return { id: t.id, name: t.name, revision: t.revision, branches: branches.length, outcomes: countOutcomes(branches) };
    }),
  }));
}
