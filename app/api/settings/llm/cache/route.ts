import { studioDb } from "@/db";
import { clearLlmCache } from "@/db/queries/llm-cache";
import { json, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";

/** Empties the LLM response cache (the next run pays for every call again). */
export const DELETE = route(async (req: Request) => {
  await requireRole(req, ["admin"]);
  return json({ cleared: clearLlmCache({ db: studioDb() }) });
});
