import { studioDb } from "@/db";
import { projectTimeline } from "@/lib/rounds/timeline";
import { intParam, json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** A project's timeline: its rounds (figures, failure maps, proposals) and what the next round will train on. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  return json(await projectTimeline(studioDb(), intParam((await params).id, "project id")));
});
