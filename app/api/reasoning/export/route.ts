import path from "node:path";
import { z } from "zod";
import { studioDb } from "@/db";
import { ProblemExportInput } from "@/lib/reasoning/export";
import { ProblemExportCache } from "@/lib/reasoning/export-cache";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";
import { attachment, streamFiles } from "../../_shared/export-files";

export const dynamic = "force-dynamic";

const TYPES: Record<string, string> = { ".parquet": "application/vnd.apache.parquet", ".jsonl": "application/x-ndjson", ".md": "text/markdown; charset=utf-8" };
const Download = ProblemExportInput.extend({ file: z.string().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/, "hash is an export's snapshot hash").optional() });

const problemExports = new ProblemExportCache();

/** A link to one file of the export `hash` names (exported again if its folder expired, refused if the problems changed since). */
const downloadUrl = (input: ProblemExportInput, hash: string, file: string) =>
  `/api/reasoning/export?${new URLSearchParams({ format: input.format, domain: input.domain, approvedOnly: String(input.approvedOnly), validationRatio: String(input.validationRatio), hash, file })}`;

/** Exports verified problems (verl or chat) and reports rows, splits, warnings, hash and download links. Curators. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, ProblemExportInput);
  const summary = await problemExports.export(studioDb(), input);
  return json({ ...summary, downloads: summary.files.map((name) => ({ name, url: downloadUrl(input, summary.snapshotHash, name) })) });
});

/** One file of an export as a download. Curators. */
export const GET = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const { file, hash, ...input } = Download.parse(Object.fromEntries(new URL(req.url).searchParams));
  const found = await problemExports.file(studioDb(), input, file, hash);
  const type = TYPES[path.extname(file)] ?? "application/octet-stream";
  return attachment(streamFiles([found], () => {}), `reasoning-${input.domain}-${input.format}-${file}`, type);
});
