import { z } from "zod";
import { studioDb } from "@/db";
import { listCases } from "@/db/queries/cases";
import { getDomainBySlug } from "@/db/queries/domains";
import { json, route } from "../_shared/http";
import { requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

const Query = z.object({
  domain: z.string().optional(),
  tree: z.coerce.number().int().optional(),
  status: z.enum(["verified", "unverified"]).optional(),
  outcome: z.string().optional(),
  source: z.enum(["synth", "import"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Case list rows carry a summary, not the whole case (the detail route has that). */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = studioDb();
  const domainId = q.domain ? getDomainBySlug({ db, slug: q.domain }).id : undefined;
  const { rows, total } = listCases({ db, filter: { domainId, treeId: q.tree, status: q.status, outcome: q.outcome, source: q.source }, limit: q.limit, offset: q.offset });
  return json({
    total,
    cases: rows.map((r) => ({
      id: r.id, treeId: r.treeId, branchId: r.branchId, outcome: r.outcome, status: r.status, reason: r.reason,
      source: r.source, generator: r.generator, task: String(r.data.task ?? ""), labels: (r.data.branch as { labels?: string[] })?.labels ?? [],
      createdAt: r.createdAt,
    })),
  });
});
