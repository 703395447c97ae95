import { isDomainError } from "@/lib/errors";
import { createLlmClient, LlmError, resolveRole, type LlmConfig, type LlmRole } from "@/lib/llm";

export type ConnectionResult =
  | { ok: true; model: string; latencyMs: number; reply: string }
  | { ok: false; error: string };

const scrub = (text: string, secret: string | undefined) => (secret ? text.split(secret).join("***") : text);

/** A provider failure in words a person can act on. */
function explain(e: unknown, config: LlmConfig, model: string): string {
  if (!(e instanceof LlmError)) return isDomainError(e) ? e.message : `Unexpected error: ${(e as Error).message}`;
  const said = e.providerMessage ? `: ${e.providerMessage.trim().replace(/[.\s]+$/, "")}` : "";
  const url = config.baseUrl;
  if (e.kind === "connection") return `Could not reach ${url} (${e.providerMessage ?? "connection failed"}). Is the server running, and is this its OpenAI-compatible base URL (usually ending in /v1)?`;
  if (e.kind === "timeout") return `${url} did not answer within ${Math.round(config.timeoutMs / 1000)} s. The server may be overloaded or the model still loading.`;
  if (e.status === 401 || e.status === 403) return `The server refused the credentials (HTTP ${e.status})${said}. Check the API key.`;
  if (e.status === 404) return `The server answered 404${said}. Check that the base URL ends in /v1 and that the model "${model}" exists there.`;
  if (e.kind === "rate_limit" || e.kind === "retry_after_too_long") return `The server is rate-limiting requests (HTTP 429)${said}. The connection works; try again later.`;
  if (e.status === 400) return `The server rejected the request (HTTP 400)${said}. The model name or a parameter may be wrong.`;
  return `The call failed (${e.kind}${e.status ? `, HTTP ${e.status}` : ""})${said}.`;
}

/**
 * One tiny chat call with the role's settings: no retries, no cache, a short timeout. The answer
 * says what works or exactly what failed; the API key never appears in it.
 */
export async function testLlmConnection(config: LlmConfig, role: LlmRole = "writer"): Promise<ConnectionResult> {
  const model = resolveRole(config, role).model ?? "";
  const client = createLlmClient({ ...config, maxAttempts: 1, timeoutMs: Math.min(config.timeoutMs, 20_000) });
  try {
    const r = await client.chat({ role, messages: [{ role: "user", content: "Reply with the single word: ok" }], maxTokens: 16, temperature: 0, useCache: false });
    return { ok: true, model: r.model, latencyMs: Math.round(r.latencyMs), reply: scrub((r.content ?? "").slice(0, 200), config.apiKey) };
  } catch (e) {
    return { ok: false, error: scrub(explain(e, config, model), config.apiKey) };
  }
}
