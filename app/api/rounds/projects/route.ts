import { studioDb } from "@/db";
import { createProject, listProjects } from "@/db/queries/rounds";
import { ProjectInput } from "@/lib/rounds/schema";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Flywheel projects, newest first. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json({ projects: listProjects({ db: studioDb() }) });
});

/** Creates a project (domains, base model, backend, settings). Curators. */
export const POST = route(async (req: Request) => {
  const user = await requireRole(req, ["curator"]);
  const input = await parseBody(req, ProjectInput);
  return json({ project: createProject({ db: studioDb(), input, createdBy: user.email }) }, 201);
});
