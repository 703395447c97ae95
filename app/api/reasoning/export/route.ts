import path from "node:path";
import { z } from "zod";
import { studioDb } from "@/db";
import { DomainError } from "@/lib/errors";
import { exportProblems, ProblemExportInput } from "@/lib/reasoning/export";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";
import { attachment, exportDir, streamFiles } from "../../_shared/export-files";

export const dynamic = "force-dynamic";

const TYPES: Record<string, string> = { ".parquet": "application/vnd.apache.parquet", ".jsonl": "application/x-ndjson", ".md": "text/markdown; charset=utf-8" };
const Download = ProblemExportInput.extend({ file: z.string().min(1), hash: z.string().optional() });

/** A link that re-exports the same scope and streams one file, refused if the problems changed since `hash`. */
const downloadUrl = (input: ProblemExportInput, hash: string, file: string) =>
  `/api/reasoning/export?${new URLSearchParams({ format: input.format, domain: input.domain, approvedOnly: String(input.approvedOnly), validationRatio: String(input.validationRatio), hash, file })}`;

/** Exports verified problems (verl or chat) to a temp folder and reports rows, splits, warnings, hash and download links. Curators. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, ProblemExportInput);
  const { dir, cleanup } = exportDir();
  try {
    const summary = await exportProblems({ db: studioDb(), input, outDir: dir });
    return json({ ...summary, downloads: summary.files.map((name) => ({ name, url: downloadUrl(input, summary.snapshotHash, name) })) });
  } finally {
    cleanup();
  }
});

/** One file of an export as a download (the export is written again and streamed, so nothing is kept on the server). Curators. */
export const GET = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const { file, hash, ...input } = Download.parse(Object.fromEntries(new URL(req.url).searchParams));
  const { dir, cleanup } = exportDir();
  try {
    const summary = await exportProblems({ db: studioDb(), input, outDir: dir });
    if (hash && hash !== summary.snapshotHash) throw new DomainError("conflict", "The problems changed since this export (new problems, reviews or pass rates): export again for fresh links.");
    if (!summary.files.includes(file)) throw new DomainError("not_found", `This export has no file "${file}"; it wrote ${summary.files.join(", ")}.`);
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    return attachment(streamFiles([path.join(dir, file)], cleanup), `reasoning-${input.domain}-${input.format}-${file}`, type);
  } catch (e) {
    cleanup();
    throw e;
  }
});
