import { studioDb } from "@/db";
import { listRevisions } from "@/db/queries/trees";
import { intParam, json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  return json({ revisions: listRevisions({ db: studioDb(), treeId: intParam((await params).id, "tree id") }) });
});
