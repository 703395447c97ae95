import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { reviewDb } from "./reviews-fixture";
import { createSnapshot, getSnapshot, listSnapshots, snapshotRows, snapshotStats } from "./snapshots";
import { cases } from "../schema";
import { caseReviewsState } from "../schema-review";
import { snapshotHash } from "@/lib/export";
import type { TestCase } from "@/lib/cases/schema";

describe("snapshots", () => {
  it("freezes the domain's verified cases with a seeded split and a content hash", () => {
    const { db, shopCaseIds } = reviewDb();
    const verified = db.select().from(cases).where(inArray(cases.id, shopCaseIds)).all().filter((c) => c.status === "verified");
    expect(verified.length).toBeGreaterThan(2);

    const snap = createSnapshot({ db, domainSlug: "shop", seed: 7, validationRatio: 0.3, createdBy: "tester" });
    expect(snap.cases).toBe(verified.length);
    expect(snap.train + snap.validation).toBe(snap.cases);
    expect(snap.hash).toBe(snapshotHash(verified.map((c) => c.data as unknown as TestCase)));
    expect(snap.version).toBe(1);

    const rows = [...snapshotRows({ db, id: snap.id, pageSize: 2 })];
    expect(rows.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(verified.map((c) => c.id).sort((a, b) => a - b));
    expect(rows.filter((r) => r.split === "validation")).toHaveLength(snap.validation);
    expect(rows[0].domain.slug).toBe("shop");

    const again = createSnapshot({ db, domainSlug: "shop", seed: 7, validationRatio: 0.3 });
    expect(again.version).toBe(2);
    expect(again.hash).toBe(snap.hash);
    const splitOf = (id: number) => new Map([...snapshotRows({ db, id })].map((r) => [r.id, r.split]));
    expect(splitOf(again.id)).toEqual(splitOf(snap.id));

    const listed = listSnapshots({ db });
    expect(listed.map((s) => s.version)).toEqual([2, 1]);
    expect(getSnapshot({ db, id: snap.id })).toMatchObject({ domainSlug: "shop", name: "shop v1", seed: 7, createdBy: "tester", selection: { approvedOnly: false } });
    expect(snapshotStats({ db, id: snap.id }).rows).toBe(snap.cases);
  });

  it("is immutable: a later edit of a case does not change the snapshot's copy", () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop" });
    const first = [...snapshotRows({ db, id: snap.id })][0];
    const row = db.select().from(cases).where(eq(cases.id, Number(first.id))).get()!;
    db.update(cases).set({ data: { ...row.data, task: "edited later" } }).where(eq(cases.id, row.id)).run();
    const after = [...snapshotRows({ db, id: snap.id })][0];
    expect(after.testCase.task).toBe(first.testCase.task);
    expect(after.testCase.task).not.toBe("edited later");
  });

  it("takes only approved cases with approvedOnly, and refuses an empty selection", () => {
    const { db, shopCaseIds } = reviewDb();
    expect(() => createSnapshot({ db, domainSlug: "shop", approvedOnly: true })).toThrow(/no approved, verified cases/);
    const verifiedIds = db.select({ id: cases.id }).from(cases).where(inArray(cases.id, shopCaseIds)).all().filter((_, i) => i < 2).map((r) => r.id);
    db.update(caseReviewsState).set({ status: "approved" }).where(inArray(caseReviewsState.caseId, verifiedIds)).run();
    const snap = createSnapshot({ db, domainSlug: "shop", approvedOnly: true });
    expect(snap.cases).toBeLessThanOrEqual(2);
    expect([...snapshotRows({ db, id: snap.id })].every((r) => verifiedIds.includes(Number(r.id)))).toBe(true);
    expect(() => createSnapshot({ db, domainSlug: "nope" })).toThrow(/No domain/);
    expect(() => createSnapshot({ db, domainSlug: "shop", validationRatio: 2 })).toThrow(/validationRatio/);
  });
});
