import { z } from "zod";
import { studioDb } from "@/db";
import { restoreRevision } from "@/db/queries/trees";
import { intParam, json, parseBody, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const Restore = z.object({ revision: z.number().int().positive(), baseRevision: z.number().int().positive() });

export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const body = await parseBody(req, Restore);
  const saved = restoreRevision({ db: studioDb(), treeId: intParam((await params).id, "tree id"), ...body });
  return json({ revision: saved.revision });
});
