import { z } from "zod";
import { studioDb } from "@/db";
import { createSnapshot, getSnapshot, listSnapshots } from "@/db/queries/snapshots";
import { json, parseBody, route } from "../_shared/http";
import { requireRole, requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json({ snapshots: listSnapshots({ db: studioDb() }) });
});

const NewSnapshot = z.object({
  domainSlug: z.string().trim().min(1, "choose a domain"),
  approvedOnly: z.boolean().default(false),
  seed: z.number().int().default(1),
  validationRatio: z.number().min(0).max(1).default(0.1),
});

/** Freezes a domain's verified (or approved) cases into a new snapshot version. Admins only. */
export const POST = route(async (req: Request) => {
  const user = await requireRole(req, ["admin"]);
  const body = await parseBody(req, NewSnapshot);
  const db = studioDb();
  const created = createSnapshot({ db, ...body, createdBy: user.email });
  return json({ snapshot: getSnapshot({ db, id: created.id }) }, 201);
});
