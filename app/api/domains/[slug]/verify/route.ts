import { z } from "zod";
import { studioDb } from "@/db";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import { json, parseBody, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

const Verify = z.object({ seed: z.number().int().optional() });

/** Synthesizes and proves one case per branch (fast and deterministic, so it runs in the request). */
export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const body = await parseBody(req, Verify);
  return json(verifyAndStoreDomain({ db: studioDb(), slug: (await params).slug, seed: body.seed }));
});
