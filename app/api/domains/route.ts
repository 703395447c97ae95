import { studioDb } from "@/db";
import { insertDomain } from "@/db/queries/domains";
import { summarizeDomains } from "@/db/queries/summary";
import { DomainSpec } from "@/lib/domain/schema";
import { assertValidDomain } from "@/lib/domain/check";
import { json, parseBody, route } from "../_shared/http";
import { requireRole, requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json({ domains: summarizeDomains({ db: studioDb() }) });
});

export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const spec = await parseBody(req, DomainSpec);
  assertValidDomain(spec);
  const row = insertDomain({ db: studioDb(), spec });
  return json({ domain: { id: row.id, slug: row.slug } }, 201);
});
