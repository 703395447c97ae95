import { studioDb } from "@/db";
import { getProblem, problemFamily } from "@/db/queries/problems";
import { json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";

/** One problem with its whole family (lineage tree, rejected variants included). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await requireUser(req);
  const { id } = await ctx.params;
  const db = studioDb();
  return json({ problem: getProblem({ db, id }), family: problemFamily({ db, id }) });
});
