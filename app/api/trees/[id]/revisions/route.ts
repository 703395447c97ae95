import { studioDb } from "@/db";
import { listRevisions } from "@/db/queries/trees";
import { intParam, json, route } from "../../../_shared/http";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (_req: Request, { params }: Ctx) =>
  json({ revisions: listRevisions({ db: studioDb(), treeId: intParam((await params).id, "tree id") }) }),
);
