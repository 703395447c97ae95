import { z } from "zod";
import { studioDb } from "@/db";
import { importFile } from "@/db/queries/imports";
import { json, parseBody, route } from "../_shared/http";
import { requireRole } from "../_shared/auth";

export const dynamic = "force-dynamic";

const ImportBody = z.object({
  text: z.string().min(1, "the file is empty").max(50_000_000),
  fileName: z.string().default("upload.json"),
  domain: z.string().optional(),
});

/** Imports the paper's records or a policy tree; every rejected record comes back with its reason. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const body = await parseBody(req, ImportBody);
  return json(importFile({ db: studioDb(), text: body.text, fileName: body.fileName, domainSlug: body.domain }));
});
