import { z } from "zod";
import { studioDb } from "@/db";
import { setRole } from "@/lib/auth/accounts";
import { Role } from "@/lib/auth/roles";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const ChangeRole = z.object({ role: Role });

/** Changes an account's role (admin only); it applies to that account's next request. */
export const PATCH = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["admin"]);
  const { role } = await parseBody(req, ChangeRole);
  return json({ account: setRole(studioDb(), { id: (await params).id, role }) });
});
