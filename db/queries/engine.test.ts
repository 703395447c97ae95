import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../client";
import { seedIfEmpty } from "../seed";
import { verifyAndStoreDomain } from "./verify";
import { importFile } from "./imports";
import { listCases } from "./cases";
import { getTree } from "./trees";

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../../lib/import/fixtures", name), "utf8");

describe("verify and import, as the CLI and API run them", () => {
  it("synthesizes, proves and stores one verified case per branch of every example tree; a re-run replaces them", () => {
    const db = openDb(":memory:");
    seedIfEmpty(db);
    const summary = verifyAndStoreDomain({ db, slug: "clinic-appointments" });
    expect(summary.unsatisfiable).toEqual([]);
    expect(summary.failed).toEqual([]);
    expect(summary.verified).toBe(summary.branches);
    expect(summary.branches).toBeGreaterThanOrEqual(12);
    expect(listCases({ db, filter: { status: "verified" } }).total).toBe(summary.branches);
    verifyAndStoreDomain({ db, slug: "clinic-appointments" });
    expect(listCases({ db }).total).toBe(summary.branches);
  }, 120_000);

  it("imports the paper's records, keeping every rejected record with its reason", () => {
    const db = openDb(":memory:");
    const good = importFile({ db, text: fixture("paper-records.jsonl"), fileName: "paper-records.jsonl" });
    expect(good.kind).toBe("paper-records");
    expect(good.rejected).toEqual([]);
    expect(good.imported).toBe(good.records);
    const bad = importFile({ db, text: fixture("paper-records-bad.jsonl"), fileName: "bad.jsonl" });
    expect(bad.imported + bad.rejected.length).toBe(bad.records);
    expect(bad.rejected.length).toBeGreaterThanOrEqual(5);
    for (const r of bad.rejected) expect(r.reason.length).toBeGreaterThan(10);
    expect(listCases({ db, filter: { source: "import" } }).total).toBe(good.imported + bad.imported);
  });

  it("imports a policy tree into a domain, and asks for the domain when none is named", () => {
    const db = openDb(":memory:");
    seedIfEmpty(db);
    const tree = {
      root_condition: "Patron asks to renew a loan",
      branches: [
        { condition: "No loan id", action: "clarify", next: null },
        { condition: "Loan overdue", action: "refuse", outcome: "denied", next: null },
        { condition: "Eligible", action: "request_confirmation", next: [
          { condition: "User confirms", action: "tool_call: renew_loan", next: null },
          { condition: "User declines", action: "abort", next: null },
        ] },
      ],
    };
    const text = JSON.stringify(tree);
    expect(() => importFile({ db, text, fileName: "loan.json" })).toThrow(/name the domain/);
    const r = importFile({ db, text, fileName: "loan-policy.json", domainSlug: "retail-orders" });
    expect(r.kind).toBe("policy-tree");
    const saved = getTree({ db, id: r.treeId! });
    expect(saved.name).toBe("loan-policy");
    expect(Object.values(saved.document.nodes).map((n) => n.label)).toContain("Loan overdue");
  });
});
