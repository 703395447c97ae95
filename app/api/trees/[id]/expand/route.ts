import { z } from "zod";
import { studioDb } from "@/db";
import { getDomainById, toSpec } from "@/db/queries/domains";
import { getTree } from "@/db/queries/trees";
import { EXPAND_KIND, isExpanderConfigured } from "@/lib/expand/job";
import { proposeDeterministic } from "@/lib/expand/propose";
import { enqueueJob } from "@/lib/jobs";
import { parseTreeDoc } from "@/lib/tree/document";
import { requireRole, requireUser } from "../../../_shared/auth";
import { intParam, json, parseBody, route } from "../../../_shared/http";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Which expanders this studio can run: the LLM one only with a configured provider. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  getTree({ db, id: intParam((await params).id, "tree id") });
  return json({ llmConfigured: isExpanderConfigured(db) });
});

const Expand = z.object({
  steps: z.array(z.string().trim().max(500)).max(40).transform((s) => s.filter(Boolean)).pipe(z.array(z.string()).min(1, "give at least one workflow step")),
  mode: z.enum(["auto", "deterministic", "llm"]).default("auto"),
  /** The editor's document, when it has unsaved edits; the stored tree otherwise. */
  document: z.unknown().optional(),
});

/**
 * A proposal for the tree from a workflow. Deterministic: the proposal and its diff at once.
 * LLM: a `tree.expand` job; its result (GET /api/jobs/:id) holds the proposal. "auto" takes the
 * LLM when one is configured.
 */
export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const id = intParam((await params).id, "tree id");
  const body = await parseBody(req, Expand);
  const db = studioDb();
  const tree = getTree({ db, id });
  const mode = body.mode === "auto" ? (isExpanderConfigured(db) ? "llm" : "deterministic") : body.mode;
  if (mode === "llm") {
    const job = await enqueueJob({ db, kind: EXPAND_KIND, input: { treeId: id, steps: body.steps } });
    return json({ mode, jobId: job.id }, 202);
  }
  const base = body.document === undefined ? tree.document : parseTreeDoc(body.document);
  const domain = toSpec(getDomainById({ db, id: tree.domainId }));
  return json({ mode, ...proposeDeterministic(base, body.steps, domain) });
});
