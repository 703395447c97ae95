import { beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { listJobItems } from "@/db/queries/jobs";
import { DomainError } from "@/lib/errors";
import { enqueueJob } from "./control";
import { registerJobKind } from "./registry";

registerJobKind({ kind: "test.plain", runItem: async (item) => item });

describe("enqueueJob", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
  });

  it("takes the items from the input when the kind has no prepareItems", async () => {
    const job = await enqueueJob({ db, kind: "test.plain", input: { items: ["a", "b"] } });
    expect(listJobItems({ db, jobId: job.id }).map((i) => i.input)).toEqual(["a", "b"]);
  });

  it("refuses an unknown kind, naming the known ones, and an input without items", async () => {
    const unknown = enqueueJob({ db, kind: "nope", input: {} });
    await expect(unknown).rejects.toBeInstanceOf(DomainError);
    await expect(unknown).rejects.toThrow(/Unknown job kind "nope". Known kinds: .*demo\.llm-echo.*test\.plain/);
    await expect(enqueueJob({ db, kind: "test.plain", input: { items: 3 } })).rejects.toThrow(/needs an "items" array/);
  });

  it("refuses a badly named kind or concurrency at registration", () => {
    expect(() => registerJobKind({ kind: "Bad Kind", runItem: async () => 0 })).toThrow(/dotted lowercase/);
    expect(() => registerJobKind({ kind: "test.zero", concurrency: 0, runItem: async () => 0 })).toThrow(/concurrency/);
  });
});
