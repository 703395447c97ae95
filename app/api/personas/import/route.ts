import { z } from "zod";
import { studioDb } from "@/db";
import { insertPersonas, listPersonas } from "@/db/queries/personas";
import { parsePersonaLines } from "@/lib/persona/import";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";

export const dynamic = "force-dynamic";

const ImportRequest = z.object({
  /** The file's text: JSONL, one {"persona", "id"} object a line. */
  text: z.string().max(50_000_000),
  /** Where the lines came from (the file name), kept on each persona. */
  source: z.string().trim().min(1).max(200).default("import"),
});

/** Adds the new personas; every bad or duplicate line comes back with its line number and reason. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const body = await parseBody(req, ImportRequest);
  const db = studioDb();
  const result = parsePersonaLines(body.text, listPersonas({ db }));
  insertPersonas({ db, items: result.added, source: body.source });
  return json({ added: result.added.length, bad: result.bad, duplicates: result.duplicates, total: listPersonas({ db }).length });
});
