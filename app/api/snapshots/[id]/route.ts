import { studioDb } from "@/db";
import { approvedInSnapshot, getSnapshot, snapshotStats, snapshotTreeShape, statsJson } from "@/db/queries/snapshots";
import { renderCard } from "@/lib/export";
import { intParam, json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** A snapshot with its card statistics and the dataset card (markdown) (no token counts: those come with an export). */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const id = intParam((await params).id, "snapshot id");
  const snapshot = getSnapshot({ db, id });
  const stats = snapshotStats({ db, id });
  const card = renderCard(stats, { title: snapshot.name, format: "snapshot", files: [], snapshotHash: snapshot.hash, seed: snapshot.seed });
  return json({ snapshot, stats: statsJson(stats), approved: approvedInSnapshot({ db, id }), trees: snapshotTreeShape({ db, id }), card });
});
