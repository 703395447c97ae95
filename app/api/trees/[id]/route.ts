import { z } from "zod";
import { studioDb } from "@/db";
import { getDomainById, toSpec } from "@/db/queries/domains";
import { getTree, saveTreeRevision } from "@/db/queries/trees";
import { parseTreeDoc } from "@/lib/tree/document";
import { validateTree } from "@/lib/tree/validate";
import { intParam, json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const tree = getTree({ db, id: intParam((await params).id, "tree id") });
  const domain = toSpec(getDomainById({ db, id: tree.domainId }));
  return json({ tree, domain });
});

const SaveTree = z.object({ document: z.unknown(), revision: z.number().int().positive(), message: z.string().max(500).optional() });

export const PUT = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const id = intParam((await params).id, "tree id");
  const body = await parseBody(req, SaveTree);
  const document = parseTreeDoc(body.document);
  const db = studioDb();
  const domain = toSpec(getDomainById({ db, id: getTree({ db, id }).domainId }));
  const saved = saveTreeRevision({ db, id, baseRevision: body.revision, document, message: body.message });
  return json({ revision: saved.revision, issues: validateTree(document, domain) });
});
