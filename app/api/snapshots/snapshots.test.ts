import { beforeAll, describe, expect, it } from "vitest";
import { routeClient, setUpTestStudio } from "../_shared/test-client";

setUpTestStudio();

import * as list from "./route";
import * as detail from "./[id]/route";
import * as download from "./[id]/export/route";
import { studioDb } from "@/db";
import { verifyAndStoreDomain } from "@/db/queries/verify";

const { call, signIn } = routeClient();

beforeAll(async () => {
  verifyAndStoreDomain({ db: studioDb(), slug: "clinic-appointments" });
  await signIn();
}, 60_000);

describe("/api/snapshots", () => {
  it("creates, lists, describes and downloads a snapshot", async () => {
    const created = await call(list.POST, "/api/snapshots", { method: "POST", body: { domainSlug: "clinic-appointments", seed: 2, validationRatio: 0.3 } });
    expect(created.status).toBe(201);
    const { snapshot } = await created.json();
    expect(snapshot).toMatchObject({ domainSlug: "clinic-appointments", version: 1, seed: 2, createdBy: "admin@flywheel.local" });

    const listed = await (await call(list.GET, "/api/snapshots")).json();
    expect(listed.snapshots.map((s: { id: number }) => s.id)).toEqual([snapshot.id]);

    const params = { id: String(snapshot.id) };
    const shown = await (await call(detail.GET, `/api/snapshots/${snapshot.id}`, { params })).json();
    expect(shown.stats.rows).toBe(snapshot.cases);
    expect(shown.stats.bySplit.validation).toBe(snapshot.validation);
    expect(shown.card).toContain(snapshot.hash);
    // The domain's trees: one depth entry per branch, one branching entry per inner node.
    const total = (d: [string, number][]) => d.reduce((n, [, c]) => n + c, 0);
    expect(total(shown.trees.depth)).toBeGreaterThanOrEqual(12);
    expect(total(shown.trees.branching)).toBeGreaterThan(0);

    const chat = await call(download.GET, `/api/snapshots/${snapshot.id}/export?format=chat`, { params });
    expect(chat.status).toBe(200);
    expect(chat.headers.get("content-disposition")).toMatch(/attachment; filename="clinic-appointments-v1-chat-all\.jsonl"/);
    const lines = (await chat.text()).trim().split("\n");
    expect(lines).toHaveLength(snapshot.cases);
    expect(() => JSON.parse(lines[0])).not.toThrow();

    const val = await call(download.GET, `/api/snapshots/${snapshot.id}/export?format=verl&split=val`, { params });
    expect(val.status).toBe(200);
    const parquet = Buffer.from(await val.arrayBuffer());
    expect(parquet.subarray(0, 4).toString()).toBe("PAR1");

    const tau2 = await call(download.GET, `/api/snapshots/${snapshot.id}/export?format=tau2`, { params });
    expect((await tau2.json()).length).toBe(snapshot.cases);
  }, 60_000);

  it("answers bad input with clear errors", async () => {
    const noDomain = await call(list.POST, "/api/snapshots", { method: "POST", body: { domainSlug: "nope" } });
    expect(noDomain.status).toBe(404);
    const badFormat = await call(download.GET, "/api/snapshots/1/export?format=csv", { params: { id: "1" } });
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).error.message).toMatch(/format must be one of/);
    const missing = await call(detail.GET, "/api/snapshots/999", { params: { id: "999" } });
    expect(missing.status).toBe(404);
  });
});
