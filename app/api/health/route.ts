import { studioDb } from "@/db";
import { json, route } from "../_shared/http";

export const dynamic = "force-dynamic";

export const GET = route(() => {
  studioDb();
  return json({ ok: true });
});
