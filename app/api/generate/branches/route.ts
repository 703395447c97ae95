import { z } from "zod";
import { studioDb } from "@/db";
import { getTree } from "@/db/queries/trees";
import { enumerateBranches } from "@/lib/tree/branches";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

const Query = z.object({ tree: z.coerce.number().int().positive() });

/** A tree's branches at its current revision, for the branch picker. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const { tree: id } = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const tree = getTree({ db: studioDb(), id });
  return json({
    tree: { id: tree.id, name: tree.name, revision: tree.revision, domainSlug: tree.domainSlug },
    branches: enumerateBranches(tree.document).map((b) => ({ id: b.id, outcome: b.outcome, labels: b.labels })),
  });
});
