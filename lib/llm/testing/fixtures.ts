import { LlmConfig, type LlmSettings } from "../config";

/** A config pointed at the OpenAI-compatible test double, with waits shrunk so suites stay fast. */
export function doubleConfig(baseUrl: string, overrides: LlmSettings = {}): LlmConfig {
  return LlmConfig.parse({
    baseUrl,
    defaultModel: "test-model",
    timeoutMs: 2_000,
    maxAttempts: 3,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    prices: { "test-model": { input: 2, output: 10 } },
    ...overrides,
  });
}
