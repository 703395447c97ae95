import { studioDb } from "@/db";
import { getRevision } from "@/db/queries/trees";
import { intParam, json, route } from "../../../../_shared/http";
import { requireUser } from "../../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string; rev: string }> };

export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const p = await params;
  const row = getRevision({ db: studioDb(), treeId: intParam(p.id, "tree id"), revision: intParam(p.rev, "revision") });
  return json({ revision: row.revision, document: row.document, message: row.message });
});
