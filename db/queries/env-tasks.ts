import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { snapshotCases } from "../schema-datasets";
import { getDomainById, getDomainBySlug, toSpec } from "./domains";
import { iterateCases } from "./cases";
import { getSnapshot, snapshotRows } from "./snapshots";
import type { TestCase } from "@/lib/cases/schema";
import type { EpisodeTask } from "@/lib/rollout";
import type { DomainSpec } from "@/lib/domain/schema";
import { taskInfo, type EnvTaskSource } from "@/lib/envserver/source";
import { DomainError } from "@/lib/errors";
import { planSplit, splitItem } from "@/lib/export";
import { toolsForOpenAI } from "@/lib/sim";

/** The grouped split a domain's verified cases get here (the snapshot default). */
const DOMAIN_SPLIT = { seed: 1, validationRatio: 0.1 };

/**
 * The environment server's tasks from the studio database (task id = case id as a string):
 * a snapshot's frozen copies with their frozen split, or a domain's verified cases as they are
 * now (split on the spot with the grouped, seeded split). `get` reads one row per session;
 * only `list` reads them all.
 */
export function dbTaskSource({ db, snapshotId, domainSlug }: { db: Db; snapshotId?: number; domainSlug?: string }): EnvTaskSource<EpisodeTask> {
  if ((snapshotId === undefined) === (domainSlug === undefined)) throw new DomainError("invalid", "choose the tasks: a snapshot id or a domain slug (one of them)");
  return snapshotId !== undefined ? snapshotSource(db, snapshotId) : domainSource(db, domainSlug!);
}

function snapshotSource(db: Db, snapshotId: number): EnvTaskSource<EpisodeTask> {
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
    tools: toolsForOpenAI(domain.tools),
    name: `${snap.name} (snapshot ${snap.id})`,
    description: domain.description,
  };
}

function domainSource(db: Db, slug: string): EnvTaskSource<EpisodeTask> {
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
    tools: toolsForOpenAI(domain.tools),
    name: `${domain.slug} (verified cases)`,
    description: domain.description,
  };
}

/** A case id from a task id: a plain positive integer, else null (no such task). */
function caseIdOf(id: string): number | null {
  return /^[1-9]\d{0,15}$/.test(id) ? Number(id) : null;
}
