import { studioDb } from "@/db";
import { getDomainBySlug, listTreesOfDomain, toSpec, updateDomain } from "@/db/queries/domains";
import { DomainSpec } from "@/lib/domain/schema";
import { assertValidDomain } from "@/lib/domain/check";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const row = getDomainBySlug({ db, slug: (await params).slug });
  const trees = listTreesOfDomain({ db, domainId: row.id }).map(({ id, name, revision, updatedAt }) => ({ id, name, revision, updatedAt }));
  return json({ domain: { id: row.id, ...toSpec(row), updatedAt: row.updatedAt }, trees });
});

export const PUT = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const spec = await parseBody(req, DomainSpec);
  assertValidDomain(spec);
  const row = updateDomain({ db: studioDb(), slug: (await params).slug, spec });
  return json({ domain: { id: row.id, slug: row.slug, updatedAt: row.updatedAt } });
});
