import { z } from "zod";
import { studioDb } from "@/db";
import { saveLlmSettings } from "@/db/queries/settings";
import { LlmSettings } from "@/lib/llm/config";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";
import { llmSettingsView } from "./view";

export const dynamic = "force-dynamic";

/** The form: every setting but the key; a key only when a new one is typed; `clearKey` to remove it. */
const LlmSettingsUpdate = z.object({
  settings: LlmSettings.omit({ apiKey: true }).refine((s) => !s.baseUrl || /^https?:\/\//i.test(s.baseUrl), {
    path: ["baseUrl"],
    message: "must start with http:// or https://, e.g. http://127.0.0.1:8000/v1",
  }),
  apiKey: z.string().trim().optional(),
  clearKey: z.boolean().optional(),
});

export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json(llmSettingsView(studioDb()));
});

export const PUT = route(async (req: Request) => {
  await requireRole(req, ["admin"]);
  const body = await parseBody(req, LlmSettingsUpdate);
  const db = studioDb();
  saveLlmSettings({ db, next: { ...body.settings, ...(body.apiKey ? { apiKey: body.apiKey } : {}) }, clearKey: body.clearKey });
  return json(llmSettingsView(db));
});
