/**
 * Review queue benchmark: N cases (default 100,000) cloned from the example domains' synthesized
 * cases into a temporary SQLite file with every migration applied (so the review-state and search
 * triggers fire on insert), a third of them decided; then the review table's page query is timed
 * as the UI runs it (rows + total): first page, a deep page, filtered pages, the reviewer's to-do
 * list, text searches, and the focus view's neighbour lookup. Median of 7 runs each. Figures only.
 *
 *   npx tsx bench/review.ts [rows]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openDb, type Db } from "@/db/client";
import { seedIfEmpty } from "@/db/seed";
import { listDomains } from "@/db/queries/domains";
import { caseNeighbors, listReviewCases, type ReviewQuery } from "@/db/queries/reviews";
import { reviewStats } from "@/db/queries/reviews-stats";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { synthesizeTree } from "@/lib/synth";
import type { TestCase } from "@/lib/cases/schema";

const GENERATORS = ["deterministic", "llm:qwen3-8b", "llm:gpt-4.1-mini"];

function exampleCases(): { slug: string; testCase: TestCase }[] {
  return EXAMPLE_DOMAINS.flatMap(({ spec, trees }) =>
    trees.flatMap((tree, t) => synthesizeTree(tree.doc, spec, { seed: 1, personas: SEED_PERSONAS, treeId: t + 1, revision: 1 }).cases.map((testCase) => ({ slug: spec.slug, testCase }))),
  );
}

/** Inserts n clones (each request tagged "ticket <i>") with raw statements in one transaction. */
function insertClones(db: Db, file: string, base: { slug: string; testCase: TestCase }[], n: number) {
  const sqlite = new Database(file);
  const domainIds = new Map(listDomains({ db }).map((d) => [d.slug, d.id]));
  const insert = sqlite.prepare(
    "INSERT INTO cases (domain_id, branch_id, outcome, status, reason, source, generator, persona_id, data, created_at) VALUES (?, ?, ?, ?, ?, 'synth', ?, ?, ?, ?)",
  );
  const decide = sqlite.prepare("UPDATE case_reviews_state SET status = ?, approvals = ?, rejections = ?, updated_at = ? WHERE case_id = ?");
  const vote = sqlite.prepare("INSERT INTO reviews (case_id, reviewer_id, reviewer_name, decision, reason, note, case_revision, created_at) VALUES (?, ?, ?, ?, ?, '', 0, ?)");
  const at = new Date().toISOString();
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const { slug, testCase } = base[i % base.length];
      const tc = { ...testCase, task: `${testCase.task} (ticket ${i})` };
      const status = i % 10 === 9 ? "unverified" : "verified";
      const id = Number(
        insert.run(domainIds.get(slug), tc.branch.branchId, tc.expected_outcome, status, status === "verified" ? "" : "bench", GENERATORS[i % 3], SEED_PERSONAS[i % SEED_PERSONAS.length].id, JSON.stringify(tc), at).lastInsertRowid,
      );
      if (i % 3 === 0) {
        const verdict = i % 9 === 0 ? "reject" : "approve";
        vote.run(id, "u-bench", "Bench", verdict, verdict === "reject" ? "duplicate" : null, at);
        decide.run(verdict === "reject" ? "rejected" : "approved", verdict === "approve" ? 1 : 0, verdict === "reject" ? 1 : 0, at, id);
      }
    }
  })();
  sqlite.exec("ANALYZE");
  sqlite.close();
}

function time(label: string, run: () => { total: number; rows?: unknown[] }) {
  const ms: number[] = [];
  let last = run();
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    last = run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} ${ms[3].toFixed(1).padStart(7)} ms median  (${ms[0].toFixed(1)}–${ms[6].toFixed(1)})  total ${last.total.toLocaleString()}`);
}

export async function benchReview(n = 100_000): Promise<void> {
  // BENCH_REVIEW_DB=<file> keeps the database between runs (built once, then only queried).
  const kept = process.env.BENCH_REVIEW_DB;
  const dir = kept ? path.dirname(kept) : mkdtempSync(path.join(tmpdir(), "bench-review-"));
  const file = kept ?? path.join(dir, "review.db");
  try {
    const fresh = !kept || !existsSync(kept);
    const db = openDb(file);
    if (fresh) {
      seedIfEmpty(db);
      let t = performance.now();
      const base = exampleCases();
      console.log(`synthesized ${base.length} example cases in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted)`);
      t = performance.now();
      insertClones(db, file, base, n);
      const secs = (performance.now() - t) / 1000;
      console.log(`inserted ${n.toLocaleString()} cases (+ state and search rows by trigger, a third decided) in ${secs.toFixed(1)} s (${Math.round(n / secs).toLocaleString()} rows/s); file ${(statSync(file).size / 2 ** 20).toFixed(0)} MB`);
    } else console.log(`reusing ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MB)`);

    const [retail] = listDomains({ db }).filter((d) => d.slug === "retail-orders");
    const page = (query: ReviewQuery, offset = 0) => () => listReviewCases({ db, query, limit: 100, offset });
    const deep = Math.max(0, n - 10_000);
    time("first page (100 rows + total)", page({}));
    time(`deep page (offset ${deep.toLocaleString()})`, page({}, deep));
    time("domain + outcome refuse, first page", page({ domainId: retail?.id, outcome: "refuse" }));
    time("domain + outcome refuse, deep page", page({ domainId: retail?.id, outcome: "refuse" }, 10_000));
    time("generator + persona + verified", page({ generator: GENERATORS[1], personaId: SEED_PERSONAS[1].id, status: "verified" }));
    time("review status pending", page({ review: "pending" }));
    time("review approved + domain, deep page", page({ review: "approved", domainId: retail?.id }, 5_000));
    time("to-do list of a reviewer", page({ todoFor: "u-bench" }));
    time("cases a reviewer decided", page({ reviewerId: "u-bench" }));
    time('text search, rare ("ticket 4242)")', page({ q: "ticket 4242)" }));
    time('text search, common ("order")', page({ q: "order" }));
    time("text search + outcome", page({ q: "ticket 99", outcome: "execute" }));
    const mid = Math.floor(n / 2);
    time("focus view neighbours (pending)", () => caseNeighbors({ db, query: { review: "pending" }, id: mid }));
    time("review stats (all cases)", () => ({ total: reviewStats({ db, query: {} }).agreement.ratings }));
    time("review stats (one domain)", () => ({ total: reviewStats({ db, query: { domainId: retail?.id } }).agreement.ratings }));
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("review.ts")) void benchReview(process.argv[2] ? Number(process.argv[2]) : undefined);
