import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { projects, rounds } from "../schema-rounds";
import { getDomainBySlug } from "./domains";
import { DomainError } from "@/lib/errors";
import { parseAgentSpec } from "@/lib/eval/agents";
import { referenceBudget } from "@/lib/reasoning/agents";
import { ProjectInput, ProjectSettings, TRAINED_POLICY, withBackendDefaults, type Project, type RoundStatus, type RoundStep, type StepState } from "@/lib/rounds/schema";
import type { RoundInputs, RoundOutput, RoundResults } from "@/lib/rounds/records";

export type ProjectRow = typeof projects.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;

const iso = () => new Date().toISOString();

const toProject = (r: ProjectRow): Project => ({ ...r, settings: ProjectSettings.parse(r.settings) });

/** The reasoning side's solver: "trained" (a backend that trains), a reference solver, or an agent spec's form. */
function checkSolver(p: { backend: string; settings: { reasoning: { enabled: boolean; policy: string } } }): void {
  const { enabled, policy } = p.settings.reasoning;
  if (!enabled) return;
  if (policy === TRAINED_POLICY) {
    if (p.backend === "none") throw new DomainError("invalid", `Problem solver "trained" needs a backend that trains; without one, name an agent (budget:2, oracle, openai:<model>).`, { field: "settings.reasoning.policy" });
    return;
  }
  if (referenceBudget(policy) === null) parseAgentSpec(policy);
}

export function createProject({ db, input, createdBy = "" }: { db: Db; input: ProjectInput; createdBy?: string }): Project {
  const p = ProjectInput.parse(withBackendDefaults(input));
  for (const slug of p.domains) getDomainBySlug({ db, slug }); // an unknown domain is a not_found naming it
  if (new Set(p.domains).size !== p.domains.length) throw new DomainError("invalid", "A domain is listed twice.", { field: "domains" });
  if (p.backend === "none") {
    if (p.baseModel === "scratch") throw new DomainError("invalid", "Without a backend nothing is trained: name the agent to evaluate as the base model (openai:<model>, builtin:<checkpoint>, oracle, hack).", { field: "baseModel" });
    parseAgentSpec(p.baseModel);
  }
  checkSolver(p);
  if (db.select({ id: projects.id }).from(projects).where(eq(projects.name, p.name)).get()) {
    throw new DomainError("conflict", `A project named "${p.name}" already exists.`, { field: "name" });
  }
  return toProject(db.insert(projects).values({ ...p, createdBy }).returning().get());
}

export function getProject({ db, id }: { db: Db; id: number }): Project {
  const row = db.select().from(projects).where(eq(projects.id, id)).get();
  if (!row) throw new DomainError("not_found", `Project ${id} not found.`);
  return toProject(row);
}

/** A project by id ("3") or by name. */
export function findProject({ db, ref }: { db: Db; ref: string }): Project {
  const byName = db.select().from(projects).where(eq(projects.name, ref.trim())).get();
  if (byName) return toProject(byName);
  if (/^\d+$/.test(ref.trim())) return getProject({ db, id: Number(ref) });
  throw new DomainError("not_found", `No project named "${ref}" (create one with: flywheel round project create <name> --domain <slug>).`);
}

export function listProjects({ db }: { db: Db }): Project[] {
  return db.select().from(projects).orderBy(desc(projects.id)).all().map(toProject);
}

/** Replaces a project's settings (rounds already closed keep the settings they recorded). */
export function updateProjectSettings({ db, id, settings }: { db: Db; id: number; settings: unknown }): Project {
  const parsed = ProjectSettings.parse(settings);
  db.update(projects).set({ settings: parsed }).where(eq(projects.id, id)).run();
  return getProject({ db, id });
}

export function createRound({ db, projectId, number, seed, createdBy = "" }: { db: Db; projectId: number; number: number; seed: number; createdBy?: string }): RoundRow {
  return db.insert(rounds).values({ projectId, number, seed, steps: {}, results: {}, createdBy }).returning().get();
}

export function getRound({ db, id }: { db: Db; id: number }): RoundRow {
  const row = db.select().from(rounds).where(eq(rounds.id, id)).get();
  if (!row) throw new DomainError("not_found", `Round ${id} not found.`);
  return row;
}

/** A project's rounds, first to last. */
export function listRounds({ db, projectId }: { db: Db; projectId: number }): RoundRow[] {
  return db.select().from(rounds).where(eq(rounds.projectId, projectId)).orderBy(asc(rounds.number)).all();
}

export function latestRound({ db, projectId }: { db: Db; projectId: number }): RoundRow | null {
  return db.select().from(rounds).where(eq(rounds.projectId, projectId)).orderBy(desc(rounds.number)).limit(1).get() ?? null;
}

/** Rounds by status across projects (the job runner's view). */
export function listRoundsByStatus({ db, statuses }: { db: Db; statuses: RoundStatus[] }): RoundRow[] {
  return db.select().from(rounds).where(inArray(rounds.status, statuses)).orderBy(asc(rounds.id)).all();
}

export type RoundPatch = {
  status?: RoundStatus;
  step?: RoundStep;
  inputs?: RoundInputs;
  results?: RoundResults;
  output?: RoundOutput;
  error?: string | null;
  /** Merged into the stored step states. */
  steps?: Partial<Record<RoundStep, StepState>>;
};

/**
 * Changes an open round in one transaction (results and step states are merged, the rest
 * replaced). A closed round is refused here with a clear message, and by a trigger below that.
 */
export function updateRound({ db, id, patch }: { db: Db; id: number; patch: RoundPatch }): RoundRow {
  return db.transaction((tx) => {
    const row = tx.select().from(rounds).where(eq(rounds.id, id)).get();
    if (!row) throw new DomainError("not_found", `Round ${id} not found.`);
    if (row.status === "closed") throw new DomainError("conflict", `Round ${row.number} is closed: a closed round is immutable (re-run it from its records instead).`);
    const set: Partial<RoundRow> = {};
    if (patch.status) set.status = patch.status;
    if (patch.step) set.step = patch.step;
    if (patch.inputs) set.inputs = patch.inputs;
    if (patch.output) set.output = patch.output;
    if (patch.error !== undefined) set.error = patch.error;
    if (patch.results) set.results = { ...row.results, ...patch.results };
    if (patch.steps) set.steps = { ...row.steps, ...patch.steps };
    if (patch.status === "closed") set.closedAt = iso();
    return tx.update(rounds).set(set).where(eq(rounds.id, id)).returning().get();
  });
}

/** Merges a per-domain entry into one results group: `{ [group]: { ...old, [domain]: value } }`. */
export function setDomainResult<K extends keyof RoundResults>({ db, id, group, domain, value }: { db: Db; id: number; group: K; domain: string; value: unknown }): RoundRow {
  const row = getRound({ db, id });
  const current = (row.results[group] ?? {}) as Record<string, unknown>;
  return updateRound({ db, id, patch: { results: { [group]: { ...current, [domain]: value } } as RoundResults } });
}

/** The open (not closed) round of a project, if any: a project runs one round at a time. */
export function openRound({ db, projectId }: { db: Db; projectId: number }): RoundRow | null {
  return db.select().from(rounds).where(and(eq(rounds.projectId, projectId), inArray(rounds.status, ["open", "review", "failed"]))).get() ?? null;
}
