import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";

import { studioDb } from "@/db";
import { ProblemExportInput } from "./export";
import { ProblemExportCache } from "./export-cache";
import { generateAndStore } from "./flywheel";

describe("problem export cache", () => {
  const db = studioDb();
  generateAndStore({ db, slug: "clinic-appointments", count: 6, seed: 5 });
  const input = ProblemExportInput.parse({ format: "verl", domain: "clinic-appointments" });

  it("streams every file of one export from the folder it wrote, without exporting again", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "pexports-"));
    const cache = new ProblemExportCache(root);
    const summary = await cache.export(db, input);
    expect(readdirSync(root)).toHaveLength(1);
    const dir = path.join(root, readdirSync(root)[0]);
    for (const f of summary.files) expect(await cache.file(db, input, f, summary.snapshotHash)).toBe(path.join(dir, f));
    await expect(cache.file(db, input, "../x", summary.snapshotHash)).rejects.toThrow(/no file "..\/x"/);
    await expect(cache.file(db, input, "README.md", "../../etc")).rejects.toThrow(/not an export's snapshot hash/);
  });

  it("exports again once a folder expired, and refuses a link whose problems changed", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "pexports-"));
    const cache = new ProblemExportCache(root, -1); // every folder is expired at the next call
    const summary = await cache.export(db, input);
    expect(await cache.file(db, input, "README.md", summary.snapshotHash)).toMatch(/README\.md$/); // the same problems: the same hash
    generateAndStore({ db, slug: "clinic-appointments", count: 2, seed: 77 });
    cache.prune();
    await expect(cache.file(db, input, "README.md", summary.snapshotHash)).rejects.toThrow(/changed since this export/);
    expect(readdirSync(root)).toHaveLength(1); // the fresh export's folder only
  });
});
