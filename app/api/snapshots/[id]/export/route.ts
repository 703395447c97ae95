import path from "node:path";
import { studioDb } from "@/db";
import { getSnapshot, snapshotRows, snapshotStats } from "@/db/queries/snapshots";
import { exportDataset, renderCard, type Split } from "@/lib/export";
import { downloadFiles } from "@/lib/export/downloads";
import { DomainError } from "@/lib/errors";
import { intParam, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";
import { attachment, exportDir, streamFiles } from "../../../_shared/export-files";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const DOWNLOADS = ["chat", "verl", "tau2", "card"] as const;
type Download = (typeof DOWNLOADS)[number];
const SPLIT_PARAM: Record<string, Split> = { train: "train", val: "validation", validation: "validation" };

/**
 * One snapshot export as a download. `format=chat` → JSONL (both splits, or `split=train|val`),
 * `format=verl&split=train|val` → that parquet file, `format=tau2` → tasks.json, `format=card` →
 * the dataset card (markdown). Files are written to a temp folder by exportDataset and streamed;
 * token counts are skipped here (the CLI export counts them). Admins only.
 */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["admin"]);
  const id = intParam((await params).id, "snapshot id");
  const url = new URL(req.url);
  const format = url.searchParams.get("format") as Download;
  if (!DOWNLOADS.includes(format)) throw new DomainError("invalid", `format must be one of ${DOWNLOADS.join(", ")}, got "${url.searchParams.get("format") ?? ""}".`);
  const splitParam = url.searchParams.get("split");
  const split = splitParam === null ? null : SPLIT_PARAM[splitParam];
  if (split === undefined) throw new DomainError("invalid", `split must be train or val, got "${splitParam}".`);
  const db = studioDb();
  const snap = getSnapshot({ db, id });
  const base = `${snap.domainSlug}-v${snap.version}`;

  if (format === "card") {
    const card = renderCard(snapshotStats({ db, id }), { title: snap.name, format: "snapshot", files: [], snapshotHash: snap.hash, seed: snap.seed });
    return attachment(card, `${base}-README.md`, "text/markdown; charset=utf-8");
  }

  const { dir, cleanup } = exportDir();
  try {
    const result = await exportDataset({ format, rows: snapshotRows({ db, id }), outDir: dir, countTokens: false, card: false });
    const wanted = downloadFiles(format, split);
    const files = result.files.filter((f) => wanted.names.includes(path.basename(f))).sort();
    if (!files.length) throw new DomainError("not_found", `Snapshot ${id} has no ${wanted.split ?? ""} rows to download as ${format}.`);
    const suffix = wanted.suffix;
    const type = format === "verl" ? "application/vnd.apache.parquet" : format === "chat" ? "application/x-ndjson" : "application/json";
    return attachment(streamFiles(files, cleanup), `${base}-${format}-${suffix}`, type);
  } catch (e) {
    cleanup();
    throw e;
  }
});
