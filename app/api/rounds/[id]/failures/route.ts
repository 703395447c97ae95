import { z } from "zod";
import { studioDb } from "@/db";
import { getRound } from "@/db/queries/rounds";
import { nodeFailures } from "@/lib/rounds/failures";
import { intParam, json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const Query = z.object({ domain: z.string().min(1), treeId: z.string().regex(/^\d+$/, "a tree id").optional(), nodeId: z.string().min(1) });

/** The failing trajectories located at one node of a round's failure map (?domain=&treeId=&nodeId=). */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = studioDb();
  const round = getRound({ db, id: intParam((await params).id, "round id") });
  return json({ failures: nodeFailures({ db, round, domain: q.domain, treeId: q.treeId ? Number(q.treeId) : null, nodeId: q.nodeId }) });
});
