import { describe, expect, it } from "vitest";
import { RoundSpec } from "@/lib/train/protocol";
import { defaultDraft, draftToSpec } from "./round-draft";

describe("round draft", () => {
  it("turns the default form into a valid spec with the spec's defaults", () => {
    const spec = RoundSpec.parse(draftToSpec(defaultDraft("domain:clinic-appointments")));
    expect(spec).toMatchObject({ backend: "builtin", model: { kind: "scratch", options: {} }, dataset: { kind: "domain", domainSlug: "clinic-appointments", validationRatio: 0.25 } });
    expect(spec.grpo).toEqual(RoundSpec.parse({ backend: "builtin", dataset: spec.dataset }).grpo);
  });

  it("reads numbers, sizes, a checkpoint to continue from and a snapshot", () => {
    const d = defaultDraft("snapshot:3");
    d.schedule.steps = "4";
    d.grpo.learningRate = "0.005";
    d.grpo.lossAggMode = "seq-mean-token-mean";
    d.dModel = "32";
    d.modelPath = " /runs/1/step-4 ";
    d.seed = "";
    const spec = RoundSpec.parse(draftToSpec(d));
    expect(spec).toMatchObject({ dataset: { kind: "snapshot", snapshotId: 3 }, schedule: { steps: 4 }, grpo: { learningRate: 0.005, lossAggMode: "seq-mean-token-mean" }, seed: 0 });
    expect(spec.model).toEqual({ kind: "checkpoint", path: "/runs/1/step-4", options: { dModel: 32 } });
    d.backend = "trl";
    expect(draftToSpec(d).model).toEqual({ kind: "hf", path: "/runs/1/step-4", options: {} });
  });

  it("leaves bad numbers for the API to name", () => {
    const d = defaultDraft("domain:x");
    d.grpo.n = "1";
    const r = RoundSpec.safeParse(draftToSpec(d));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["grpo", "n"]);
  });
});
