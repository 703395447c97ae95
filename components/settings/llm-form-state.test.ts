import { describe, expect, it } from "vitest";
import { draftFromForm, formFromStored } from "./llm-form-state";

describe("LLM settings form state", () => {
  const stored = { hasKey: true, baseUrl: "http://h:1/v1", defaultModel: "m", maxAttempts: 7, roles: { judge: { model: "j", temperature: 0 } }, timeoutMs: 30_000, prices: { m: { input: 1, output: 2 } } };

  it("round-trips stored settings, keeping fields the form does not show and never sending a key it was not given", () => {
    const form = formFromStored(stored);
    expect(form).toMatchObject({ baseUrl: "http://h:1/v1", apiKey: "", timeoutSeconds: "30", roles: { judge: { model: "j", temperature: "0", maxTokens: "" }, writer: { model: "" } } });
    expect(draftFromForm(form, stored)).toEqual({
      settings: { baseUrl: "http://h:1/v1", defaultModel: "m", maxAttempts: 7, roles: { judge: { model: "j", temperature: 0 } }, timeoutMs: 30_000, prices: { m: { input: 1, output: 2 } } },
      apiKey: undefined,
      clearKey: undefined,
    });
  });

  it("treats blank fields as unset and sends a typed key", () => {
    const form = { ...formFromStored(stored), baseUrl: " ", apiKey: " sk-new ", timeoutSeconds: "", prices: [{ model: "", input: "1", output: "1" }] };
    const draft = draftFromForm(form, stored);
    expect(draft.settings.baseUrl).toBeUndefined();
    expect(draft.settings.timeoutMs).toBeUndefined();
    expect(draft.settings.prices).toEqual({});
    expect(draft.apiKey).toBe("sk-new");
  });
});
