import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/db/client";
import { getEvalDetail, listEvals } from "@/db/queries/evals";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import { seedIfEmpty } from "@/db/seed";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-eval-"));
const dbFile = path.join(tmp, "cli.db");
const env = { ...process.env, FLYWHEEL_DB: dbFile };
const run = (...argv: string[]) => spawnSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), "eval", ...argv], { env, encoding: "utf8", cwd: tmp });

beforeAll(() => {
  const db = openDb(dbFile); // seeded and verified here, saving a CLI start
  seedIfEmpty(db);
  verifyAndStoreDomain({ db, slug: "clinic-appointments" });
}, 60_000);

describe("flywheel eval", () => {
  it("--json prints the summary of the oracle agent (pass@1 = pass^k = 1) and stores the evaluation", () => {
    const r = run("clinic-appointments", "--agent", "oracle", "--trials", "2", "--split", "all", "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ agent: "oracle", k: 2, pass_at_1: 1, pass_hat_k: 1, mean_reward: 1, failures: [], by_outcome: { pass: { share: 1 } } });
    expect(s.dataset).toMatch(/verified cases/);
    expect(s.trials).toBe(2 * s.cases);
    expect(Object.values(s.by_kind as Record<string, { cases: number }>).reduce((n, k) => n + k.cases, 0)).toBe(s.cases);

    const db = openDb(dbFile);
    const [stored] = listEvals({ db });
    expect(stored).toMatchObject({ agent: "oracle", status: "succeeded", createdBy: "cli", dataset: { split: "all", ref: { kind: "domain", domainSlug: "clinic-appointments" } } });
    expect(getEvalDetail({ db, id: stored.id }).results).toEqual({ recorded: s.trials, passed: s.trials, errors: 0 });
  }, 60_000);
});
