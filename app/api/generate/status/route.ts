import { studioDb } from "@/db";
import { countPersonas } from "@/db/queries/personas";
import { studioLlmConfig } from "@/lib/generate/llm";
import { llmReadiness } from "@/lib/generate/readiness";
import { isDomainError } from "@/lib/errors";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** What generation can use right now: the writer's provider (or what it lacks) and the persona library's size. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const db = studioDb();
  let writer;
  try {
    writer = llmReadiness(studioLlmConfig(db), "writer");
  } catch (e) {
    if (!isDomainError(e)) throw e;
    writer = { role: "writer", configured: false, baseUrl: null, model: null, hasKey: false, missing: [e.message] };
  }
  return json({ writer, personas: countPersonas({ db }) });
});
