import { describe, expect, it } from "vitest";
import { downloadFiles } from "./downloads";

describe("downloadFiles", () => {
  it("picks one parquet per split for verl (train by default), one or both JSONL files for chat, tasks.json for tau2", () => {
    expect(downloadFiles("verl", null)).toEqual({ names: ["train.parquet"], suffix: "train.parquet", split: "train" });
    expect(downloadFiles("verl", "validation").names).toEqual(["val.parquet"]);
    expect(downloadFiles("chat", null)).toEqual({ names: ["train.jsonl", "val.jsonl"], suffix: "all.jsonl", split: null });
    expect(downloadFiles("chat", "train").names).toEqual(["train.jsonl"]);
    expect(downloadFiles("tau2", "train").names).toEqual(["tasks.json"]);
  });
});
