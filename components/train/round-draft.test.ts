import { describe, expect, it } from "vitest";
import { RoundSpec } from "@/lib/train/protocol";
import { BUILTIN_PRESET } from "@/lib/train/builtin/preset";
import { defaultDraft, draftToSpec, PROBLEM_CONTEXT, withBackend } from "./round-draft";

describe("round draft", () => {
  it("starts the built-in backend from its tested preset (the CLI's), TRL from the spec's defaults", () => {
    const spec = RoundSpec.parse(draftToSpec(defaultDraft("domain:clinic-appointments")));
    expect(spec).toMatchObject({ backend: "builtin", model: { kind: "scratch", options: BUILTIN_PRESET.model.options }, dataset: { kind: "domain", domainSlug: "clinic-appointments", validationRatio: 0.25 } });
    expect(spec.grpo).toEqual(RoundSpec.parse({ backend: "builtin", dataset: spec.dataset, grpo: BUILTIN_PRESET.grpo }).grpo);
    expect(spec.schedule.sftSteps).toBe(BUILTIN_PRESET.sftSteps);
    expect(spec.backendOptions).toEqual(BUILTIN_PRESET.backendOptions);

    const edited = { ...defaultDraft("domain:x"), name: "mine", seed: "7", dModel: "96" };
    const trl = withBackend(edited, "trl");
    expect(trl).toMatchObject({ name: "mine", seed: "7", dataset: "domain:x", dModel: "", lora: false });
    const trlSpec = RoundSpec.parse(draftToSpec({ ...trl, modelPath: "tiny-qwen3" }));
    expect(trlSpec).toMatchObject({ backend: "trl", model: { kind: "hf", path: "tiny-qwen3", options: {} }, schedule: { sftSteps: 0 }, backendOptions: {} });
    expect(trlSpec.grpo).toEqual(RoundSpec.parse({ backend: "trl", dataset: trlSpec.dataset, grpo: { learningRate: 1e-6, maxNewTokens: 256 } }).grpo);
    expect(draftToSpec({ ...trl, lora: true, loraRank: "8" }).model?.options).toEqual({ lora: true, loraRank: 8 });
    expect(withBackend(trl, "builtin").dModel).toBe(String(BUILTIN_PRESET.model.options.dModel));
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
    expect(spec.model).toEqual({ kind: "checkpoint", path: "/runs/1/step-4", options: { ...BUILTIN_PRESET.model.options, dModel: 32 } });
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

  it("gives the built-in policy a problem-sized context when the round trains on reasoning problems", () => {
    const draft = { ...defaultDraft("domain:retail-orders"), withProblems: true };
    expect(RoundSpec.parse(draftToSpec(draft)).model.options).toMatchObject({ ...BUILTIN_PRESET.model.options, contextLength: PROBLEM_CONTEXT });
    expect(RoundSpec.parse(draftToSpec({ ...draft, withProblems: false })).model.options).toEqual(BUILTIN_PRESET.model.options);
    expect(RoundSpec.parse(draftToSpec({ ...withBackend(draft, "trl"), modelPath: "tiny-qwen3" })).model.options).toEqual({});
  });
});
