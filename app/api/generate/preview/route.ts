import { studioDb } from "@/db";
import { previewCases } from "@/lib/generate/preview";
import { GenerateInput } from "@/lib/generate/schema";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Runs three items of the generation now (nothing is stored) so a curator sees the cases before paying for all. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, GenerateInput);
  return json(await previewCases(studioDb(), input, { count: 3, signal: req.signal }));
});
