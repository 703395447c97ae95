import { studioDb } from "@/db";
import { getCase } from "@/db/queries/cases";
import { intParam, json, route } from "../../_shared/http";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (_req: Request, { params }: Ctx) => {
  const row = getCase({ db: studioDb(), id: intParam((await params).id, "case id") });
  return json({ case: { id: row.id, status: row.status, reason: row.reason, source: row.source, treeId: row.treeId, outcome: row.outcome, data: row.data } });
});
