import { describe, expect, it } from "vitest";
import { isConfigured, loadLlmConfig, redactConfig, resolveRole } from "./config";

const env = {
  FLYWHEEL_LLM_BASE_URL: "http://127.0.0.1:8000/v1",
  FLYWHEEL_LLM_API_KEY: "sk-secret-123",
  FLYWHEEL_LLM_MODEL: "qwen3-8b",
  FLYWHEEL_LLM_MODEL_JUDGE: "qwen3-32b",
  FLYWHEEL_LLM_PRICES: '{"qwen3-8b": {"input": 0.1, "output": 0.4}}',
};

describe("loadLlmConfig", () => {
  it("reads the environment, with per-role model overrides", () => {
    const config = loadLlmConfig({ env });
    expect(config).toMatchObject({ baseUrl: env.FLYWHEEL_LLM_BASE_URL, apiKey: "sk-secret-123", defaultModel: "qwen3-8b", maxConcurrency: 8 });
    expect(resolveRole(config, "judge")).toEqual({ model: "qwen3-32b", temperature: 0, maxTokens: 2048 });
    expect(resolveRole(config, "writer").model).toBe("qwen3-8b");
    expect(config.prices["qwen3-8b"]).toEqual({ input: 0.1, output: 0.4 });
  });

  it("lets stored settings win, merging roles and prices key by key", () => {
    const config = loadLlmConfig({
      env,
      stored: {
        defaultModel: "qwen3-4b",
        maxConcurrency: 32,
        roles: { judge: { temperature: 0.3 }, user: { model: "qwen3-1.7b" } },
        prices: { "qwen3-4b": { input: 0.05, output: 0.2 } },
      },
    });
    expect(config.defaultModel).toBe("qwen3-4b");
    expect(config.maxConcurrency).toBe(32);
    expect(config.apiKey).toBe("sk-secret-123");
    expect(resolveRole(config, "judge")).toMatchObject({ model: "qwen3-32b", temperature: 0.3 });
    expect(resolveRole(config, "user").model).toBe("qwen3-1.7b");
    expect(Object.keys(config.prices).sort()).toEqual(["qwen3-4b", "qwen3-8b"]);
  });

  it("names the field that is wrong", () => {
    expect(() => loadLlmConfig({ env: { FLYWHEEL_LLM_PRICES: "{oops" } })).toThrow(/FLYWHEEL_LLM_PRICES: not valid JSON/);
    expect(() => loadLlmConfig({ env: { FLYWHEEL_LLM_PRICES: '{"m": {"input": -1, "output": 1}}' } })).toThrow(/prices\.m\.input/);
    expect(() => loadLlmConfig({ env: { FLYWHEEL_LLM_MAX_CONCURRENCY: "lots" } })).toThrow(/FLYWHEEL_LLM_MAX_CONCURRENCY: expected an integer/);
    expect(() => loadLlmConfig({ env: {}, stored: { baseUrl: "not a url" } })).toThrow(/baseUrl/);
  });

  it("is configured per role once a base URL and a model exist; a key is optional", () => {
    expect(isConfigured(loadLlmConfig({ env: {} }), "writer")).toBe(false);
    const onlyJudge = loadLlmConfig({ env: { FLYWHEEL_LLM_BASE_URL: "http://localhost:11434/v1", FLYWHEEL_LLM_MODEL_JUDGE: "llama3" } });
    expect(isConfigured(onlyJudge, "judge")).toBe(true);
    expect(isConfigured(onlyJudge, "writer")).toBe(false);
  });
});

describe("redactConfig", () => {
  it("never carries the key, only whether there is one", () => {
    const config = loadLlmConfig({ env });
    const redacted = redactConfig(config);
    expect(JSON.stringify(redacted)).not.toContain("sk-secret-123");
    expect(redacted).not.toHaveProperty("apiKey");
    expect(redacted.hasKey).toBe(true);
    expect(redactConfig(loadLlmConfig({ env: {} })).hasKey).toBe(false);
    expect(config.apiKey).toBe("sk-secret-123"); // the original is untouched
  });

  it("strips credentials embedded in the base URL", () => {
    const config = loadLlmConfig({ env: { FLYWHEEL_LLM_BASE_URL: "https://bob:hunter2@llm.example.com/v1" } });
    const text = JSON.stringify(redactConfig(config));
    expect(text).not.toContain("hunter2");
    expect(redactConfig(config).baseUrl).toBe("https://llm.example.com/v1");
  });
});
