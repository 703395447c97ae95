import { z } from "zod";
import { studioDb } from "@/db";
import { getStoredLlmSettings } from "@/db/queries/settings";
import { testLlmConnection } from "@/lib/generate/connection";
import { LlmRole, LlmSettings, loadLlmConfig } from "@/lib/llm/config";
import { json, parseBody, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";

/** Optionally the unsaved form (tested as typed, on top of what is stored); else the saved settings. */
const TestRequest = z.object({
  settings: LlmSettings.omit({ apiKey: true }).optional(),
  apiKey: z.string().trim().optional(),
  role: LlmRole.default("writer"),
});

/** One tiny chat call; the answer says what works or what exactly failed, without the key. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["admin"]);
  const body = await parseBody(req, TestRequest);
  const stored = getStoredLlmSettings({ db: studioDb() });
  const draft = body.settings ? { ...body.settings, apiKey: body.apiKey || stored.apiKey } : stored;
  const config = loadLlmConfig({ stored: draft });
  return json({ role: body.role, result: await testLlmConnection(config, body.role) });
});
