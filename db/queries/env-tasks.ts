import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { snapshotCases } from "../schema-datasets";
import { getDomainById, getDomainBySlug, toSpec } from "./domains";
import { iterateCases } from "./cases";
import { listProblems, problemsByIds } from "./problems";
import { getSnapshot, snapshotRows } from "./snapshots";
import type { TestCase } from "@/lib/cases/schema";
import type { Problem } from "@/lib/reasoning/schema";
import type { EpisodeTask, ProblemTask } from "@/lib/rollout";
import type { DomainSpec } from "@/lib/domain/schema";
import { taskInfo, type EnvTaskSource } from "@/lib/envserver/source";
import { DomainError } from "@/lib/errors";
import { planSplit, problemSplit, splitItem } from "@/lib/export";
import { toolsForOpenAI } from "@/lib/sim";

/** The grouped split a domain's verified cases get here (the snapshot default). */
const DOMAIN_SPLIT = { seed: 1, validationRatio: 0.1 };

/**
 * The environment server's tasks from the studio database (task id = case id as a string):
 * a snapshot's frozen copies with their frozen split, or a domain's verified cases as they are
 * now (split on the spot with the grouped, seeded split). `get` reads one row per session;
 * only `list` reads them all. With `problems`, the domain's verified reasoning problems (as they
 * are now, not rejected in review) join as tasks too, each family on one side of the split.
 */
export function dbTaskSource(options: { db: Db; snapshotId?: number; domainSlug?: string; problems?: false }): EnvTaskSource<EpisodeTask>;
export function dbTaskSource(options: { db: Db; snapshotId?: number; domainSlug?: string; problems: boolean }): EnvTaskSource;
export function dbTaskSource({ db, snapshotId, domainSlug, problems = false }: { db: Db; snapshotId?: number; domainSlug?: string; problems?: boolean }): EnvTaskSource {
  if ((snapshotId === undefined) === (domainSlug === undefined)) throw new DomainError("invalid", "choose the tasks: a snapshot id or a domain slug (one of them)");
  const cases = snapshotId !== undefined ? snapshotSource(db, snapshotId) : domainSource(db, domainSlug!);
  return problems ? withProblems(db, cases) : cases;
}

function withProblems(db: Db, cases: EnvTaskSource<EpisodeTask> & { domain: DomainSpec }): EnvTaskSource {
  const { domain } = cases;
  const task = (problem: Problem): ProblemTask => ({ id: problem.id, problem, domain });
  const usable = (s: { problem: Problem; status: string }) => s.problem.domain === domain.slug && s.problem.verdict === "verified" && s.status !== "rejected";
  return {
    ...cases,
    get: (id) => cases.get(id) ?? problemsByIds({ db, ids: [id] }).filter(usable).map((s) => task(s.problem))[0],
    list() {
      const stored = listProblems({ db, filter: { domain: domain.slug, verdict: "verified" }, limit: 1_000_000 }).rows.filter(usable);
      return [...cases.list(), ...stored.map((s) => taskInfo(task(s.problem), problemSplit(s.problem, DOMAIN_SPLIT.validationRatio)))];
    },
    name: `${cases.name} + problems`,
  };
}

function snapshotSource(db: Db, snapshotId: number): EnvTaskSource<EpisodeTask> & { domain: DomainSpec } {
  const snap = getSnapshot({ db, id: snapshotId });
  const domain = toSpec(getDomainById({ db, id: snap.domainId }));
  return {
    get(id) {
      const caseId = caseIdOf(id);
      if (caseId === null) return undefined;
      const row = db.select().from(snapshotCases).where(and(eq(snapshotCases.snapshotId, snapshotId), eq(snapshotCases.caseId, caseId))).get();
      return row ? { id, testCase: row.data as unknown as TestCase, domain } : undefined;
    },
    list: () => [...snapshotRows({ db, id: snapshotId })].map((r) => taskInfo(r, r.split)),
    domain,
    tools: toolsForOpenAI(domain.tools),
    name: `${snap.name} (snapshot ${snap.id})`,
    description: domain.description,
  };
}

function domainSource(db: Db, slug: string): EnvTaskSource<EpisodeTask> & { domain: DomainSpec } {
  const domainRow = getDomainBySlug({ db, slug });
  const domain: DomainSpec = toSpec(domainRow);
  return {
    get(id) {
      const caseId = caseIdOf(id);
      if (caseId === null) return undefined;
      const row = db.select().from(cases).where(and(eq(cases.id, caseId), eq(cases.domainId, domainRow.id), eq(cases.status, "verified"))).get();
      return row ? { id, testCase: row.data as unknown as TestCase, domain } : undefined;
    },
    list() {
      const rows = [...iterateCases({ db, filter: { domainId: domainRow.id, status: "verified" } })].map((r) => ({ id: String(r.id), testCase: r.data as unknown as TestCase, domain }));
      const plan = planSplit(rows.map(splitItem), DOMAIN_SPLIT);
      return rows.map((r) => taskInfo(r, plan.assignment.get(r.id) ?? "train"));
    },
    domain,
    tools: toolsForOpenAI(domain.tools),
    name: `${domain.slug} (verified cases)`,
    description: domain.description,
  };
}

/** A case id from a task id: a plain positive integer, else null (no such task). */
function caseIdOf(id: string): number | null {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
}
