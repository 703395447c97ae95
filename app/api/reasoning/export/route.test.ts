import { beforeAll, describe, expect, it } from "vitest";
import { parquetReadObjects } from "hyparquet";

process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_ADMIN_PASSWORD = "rexport-admin-password";
process.env.BETTER_AUTH_SECRET = "rexport-test-secret-rexport-test-secret";
process.env.FLYWHEEL_JOBS = "off";

import * as exportRoute from "./route";
import { getAuth } from "../../_shared/auth";
import { studioDb } from "@/db";
import { listProblems, setProblemStatus } from "@/db/queries/problems";
import { generateAndStore, hardenProblems } from "@/lib/reasoning/flywheel";
import type { ProblemExportSummary } from "@/lib/reasoning/export";

type Summary = ProblemExportSummary & { downloads: { name: string; url: string }[] };
let cookie = "";
const post = (body: unknown) =>
  exportRoute.POST(new Request("http://localhost/api/reasoning/export", { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) }));
const get = (url: string) => exportRoute.GET(new Request(`http://localhost${url}`, { headers: { cookie } }));
const errorOf = async (res: Response) => ({ status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message });

let verified = 0;
beforeAll(async () => {
  const db = studioDb();
  const parents = generateAndStore({ db, slug: "retail-orders", count: 12, seed: 2 }).problems;
  await hardenProblems({ db, slug: "retail-orders", parents: parents.slice(0, 4), seed: 1 });
  verified = listProblems({ db, filter: { domain: "retail-orders", verdict: "verified" } }).total;
  const res = await getAuth().api.signInEmail({ body: { email: "admin@flywheel.local", password: "rexport-admin-password" }, asResponse: true });
  cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}, 60_000);

describe("/api/reasoning/export", () => {
  it("exports the domain's verified problems as verl, with links that stream the parquet files", async () => {
    const res = await post({ format: "verl", domain: "retail-orders", validationRatio: 0.3 });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(verified).toBeGreaterThan(12); // originals and hardened variants
    expect(summary).toMatchObject({ rows: verified, skipped: 0, byDomain: [["retail-orders", verified]], snapshotHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(summary.bySplit.train + summary.bySplit.validation).toBe(verified);
    expect(summary.files).toContain("train.parquet");
    expect(summary.files).toContain("README.md");
    expect(summary.downloads.map((d) => d.name)).toEqual(summary.files);

    const train = await get(summary.downloads.find((d) => d.name === "train.parquet")!.url);
    expect(train.status).toBe(200);
    expect(train.headers.get("content-type")).toBe("application/vnd.apache.parquet");
    expect(train.headers.get("content-disposition")).toBe('attachment; filename="reasoning-retail-orders-verl-train.parquet"');
    const rows = (await parquetReadObjects({ file: await train.arrayBuffer() })) as { ability: string; extra_info: { split: string; lineage: { mutation: string } } }[];
    expect(rows).toHaveLength(summary.bySplit.train);
    expect(rows.every((r) => r.ability === "data_analysis" && r.extra_info.split === "train")).toBe(true);
    const card = await get(summary.downloads.find((d) => d.name === "README.md")!.url);
    expect(await card.text()).toContain("Flywheel Studio reasoning problems (retail-orders)");
  }, 30_000);

  it("writes chat JSONL for every domain, and only approved problems when asked", async () => {
    const db = studioDb();
    const all = (await (await post({ format: "chat", domain: "all", validationRatio: 0 })).json()) as Summary;
    expect(all).toMatchObject({ rows: verified, bySplit: { train: verified, validation: 0 } });
    expect(all.files).toEqual(["train.jsonl", "README.md"]);
    const lines = (await (await get(all.downloads[0].url)).text()).trim().split("\n");
    expect(lines).toHaveLength(verified);
    expect(JSON.parse(lines[0]).messages.at(-1).content).toMatch(/^<answer>/);

    expect(await errorOf(await post({ format: "chat", domain: "retail-orders", approvedOnly: true }))).toEqual({ status: 404, message: expect.stringMatching(/No approved verified problems to export in retail-orders: approve some/) });
    const [first] = listProblems({ db, filter: { domain: "retail-orders", verdict: "verified" }, limit: 1 }).rows;
    setProblemStatus({ db, id: first.problem.id, status: "approved", reviewer: "admin@flywheel.local" });
    expect(await (await post({ format: "chat", domain: "retail-orders", approvedOnly: true })).json()).toMatchObject({ rows: 1 });
  }, 30_000);

  it("keeps serving a link's own export after the problems change (a new export gets a new hash), and answers bad input clearly", async () => {
    const summary = (await (await post({ format: "chat", domain: "retail-orders", validationRatio: 0 })).json()) as Summary;
    const before = await (await get(summary.downloads[0].url)).text();
    generateAndStore({ db: studioDb(), slug: "retail-orders", count: 3, seed: 99 });
    expect(await (await get(summary.downloads[0].url)).text()).toBe(before);
    const fresh = (await (await post({ format: "chat", domain: "retail-orders", validationRatio: 0 })).json()) as Summary;
    expect(fresh.snapshotHash).not.toBe(summary.snapshotHash);
    expect(fresh.rows).toBeGreaterThan(summary.rows);
    expect((await errorOf(await get(summary.downloads[0].url.replace(/hash=[0-9a-f]+/, "hash=..%2F..%2Fetc")))).status).toBe(400);

    expect(await errorOf(await post({ format: "verl", domain: "clinic-appointments" }))).toEqual({ status: 404, message: expect.stringMatching(/No verified problems to export in clinic-appointments: generate some first/) });
    expect(await errorOf(await post({ format: "verl", domain: "free-text" }))).toMatchObject({ status: 404, message: expect.stringMatching(/among free-text \(imported\) problems: import some/) });
    expect((await errorOf(await post({ format: "verl", domain: "no-such-domain" }))).status).toBe(404);
    expect((await errorOf(await post({ format: "tau2" }))).status).toBe(400);
    expect(await errorOf(await get("/api/reasoning/export?format=verl&domain=retail-orders&file=tasks.json"))).toEqual({ status: 404, message: expect.stringMatching(/no file "tasks.json".*train.parquet/) });
    expect((await errorOf(await get("/api/reasoning/export?format=verl"))).status).toBe(400);
  }, 30_000);
});
