import { z } from "zod";
import { studioDb } from "@/db";
import { getDomainBySlug } from "@/db/queries/domains";
import { createTree } from "@/db/queries/trees";
import { newTreeDocument } from "@/lib/tree/new-tree";
import { parseTreeDoc } from "@/lib/tree/document";
import { json, parseBody, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ slug: string }> };

const CreateTree = z.object({ name: z.string().trim().min(1).max(120), document: z.unknown().optional() });

export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const body = await parseBody(req, CreateTree);
  const db = studioDb();
  const domain = getDomainBySlug({ db, slug: (await params).slug });
  const document = body.document === undefined ? newTreeDocument(body.name) : parseTreeDoc(body.document);
  const tree = createTree({ db, domainId: domain.id, name: body.name, document });
  return json({ tree: { id: tree.id, name: tree.name, revision: tree.revision } }, 201);
});
