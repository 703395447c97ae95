import { studioDb } from "@/db";
import { getDomainBySlug } from "@/db/queries/domains";
import { caseJsonLine, iterateCases } from "@/db/queries/cases";
import { route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

/** The domain's cases as JSONL, streamed (the API twin of `flywheel cases`). */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const { slug } = await params;
  const db = studioDb();
  const domain = getDomainBySlug({ db, slug });
  const status = new URL(req.url).searchParams.get("status") ?? undefined;
  const rows = iterateCases({ db, filter: { domainId: domain.id, status } });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(caseJsonLine(next.value)));
    },
  });
  return new Response(body, {
    headers: { "content-type": "application/x-ndjson", "content-disposition": `attachment; filename="${slug}-cases.jsonl"` },
  });
});
