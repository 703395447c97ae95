import { describe, expect, it, beforeAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-cli-"));
const env = { ...process.env, FLYWHEEL_DB: path.join(tmp, "cli.db") };
const run = (...argv: string[]) => spawnSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), ...argv], { env, encoding: "utf8", cwd: tmp });

describe("flywheel CLI", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), "db", "init"], { env, cwd: tmp });
  });

  it("lists the seeded domains with branch counts per outcome kind", () => {
    const r = run("domains", "--json");
    expect(r.status).toBe(0);
    const domains = JSON.parse(r.stdout) as { slug: string; trees: { branches: number; outcomes: Record<string, number> }[] }[];
    expect(domains.map((d) => d.slug).sort()).toEqual(["clinic-appointments", "retail-orders"]);
    for (const d of domains) {
      for (const t of d.trees) {
        expect(Object.keys(t.outcomes).sort()).toEqual(["abort", "clarify", "execute", "refuse", "transfer"]);
        expect(Object.values(t.outcomes).reduce((a, b) => a + b, 0)).toBe(t.branches);
      }
      expect(d.trees.some((t) => t.branches >= 12)).toBe(true);
    }
  });

  it("validates a tree file: exit 0 when valid, exit 1 with node-addressed messages when not", () => {
    const good = path.join(tmp, "good.json");
    fs.writeFileSync(good, JSON.stringify({ version: 1, rootId: "r", nodes: { r: { id: "r", kind: "decision", label: "Start", children: ["a"] }, a: { id: "a", kind: "abort", label: "Stop", children: [] } } }));
    expect(run("tree", "validate", good).status).toBe(0);

    const cyclic = path.join(tmp, "cyclic.json");
    fs.writeFileSync(cyclic, JSON.stringify({ version: 1, rootId: "r", nodes: { r: { id: "r", kind: "decision", label: "Start", children: ["a"] }, a: { id: "a", kind: "decision", label: "Loop", children: ["r"] } } }));
    const bad = run("tree", "validate", cyclic);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/cycle/i);
    expect(bad.stderr).toMatch(/\[(r|a)\]/);

    const notJson = path.join(tmp, "broken.json");
    fs.writeFileSync(notJson, "{ nope");
    const broken = run("tree", "validate", notJson);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/cannot read .* as JSON/);
  });

  it("rejects an unknown command with the usage", () => {
    const r = run("nope");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Unknown command "nope"/);
  });
});
