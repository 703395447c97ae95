/**
 * LLM layer benchmark against the OpenAI-compatible test double (real HTTP on loopback).
 * 1. At a fixed server latency L and concurrency C, the ideal throughput is C/L calls per second;
 *    the gap to it is the client's own overhead per call (SDK, limiter, JSON, sockets).
 * 2. A second pass over the same requests with a warm cache must make zero HTTP calls.
 * Prints figures; asserts nothing. `npx tsx bench/llm.ts [latencyMs]`.
 */
import { pathToFileURL } from "node:url";
import { createLlmClient, LlmConfig, MemoryLlmCache, type LlmCache } from "@/lib/llm";
import { startOpenAiDouble } from "@/lib/llm/testing/openai-double";

function clientFor(url: string, maxConcurrency: number, cache?: LlmCache) {
  const config = LlmConfig.parse({ baseUrl: url, defaultModel: "bench-model", maxConcurrency, prices: { "bench-model": { input: 0.5, output: 2 } } });
  return createLlmClient(config, { cache });
}

async function callMany(client: ReturnType<typeof clientFor>, n: number, tag: string): Promise<number> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => client.chat({ role: "writer", messages: [{ role: "user", content: `${tag} request ${i}` }] })),
  );
  return performance.now() - start;
}

/** The same HTTP exchange with bare fetch: what this machine costs before our layer adds anything. */
async function plainRoundTripMs(url: string, n = 20): Promise<number> {
  const body = JSON.stringify({ model: "bench-model", messages: [{ role: "user", content: "plain" }] });
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await res.json();
  }
  return (performance.now() - start) / n;
}

export async function benchLlm(latencyMs = 50, concurrencies = [1, 4, 16], callsPerSlot = 12): Promise<void> {
  const double = await startOpenAiDouble({ latencyMs });
  try {
    console.log(`OpenAI-compatible test double at ${double.url}, latency L = ${latencyMs} ms`);
    await callMany(clientFor(double.url, 4), 8, "warm-up"); // SDK and socket set-up outside the timings
    console.log(`floor: plain fetch round trip, no SDK, sequential: ${((await plainRoundTripMs(double.url)) - latencyMs).toFixed(2)} ms/call beyond L`);
    for (const c of concurrencies) {
      const n = c * callsPerSlot;
      const ms = await callMany(clientFor(double.url, c), n, `c${c}`);
      const achieved = (n / ms) * 1000;
      const ideal = (c / latencyMs) * 1000;
      const overhead = (ms * c) / n - latencyMs;
      console.log(
        `C=${String(c).padStart(2)}  ${String(n).padStart(3)} calls  ${achieved.toFixed(1).padStart(6)} calls/s` +
          `  ideal ${ideal.toFixed(1).padStart(6)}  (${((achieved / ideal) * 100).toFixed(1)}%)  overhead ${overhead.toFixed(2)} ms/call`,
      );
    }

    const cache = new MemoryLlmCache();
    const n = 64;
    const before = double.chatRequests().length;
    const coldMs = await callMany(clientFor(double.url, 16, cache), n, "cache");
    const coldCalls = double.chatRequests().length - before;
    const warmMs = await callMany(clientFor(double.url, 16, cache), n, "cache");
    const warmCalls = double.chatRequests().length - before - coldCalls;
    console.log(`cache: cold ${n} requests → ${coldCalls} HTTP calls in ${coldMs.toFixed(0)} ms`);
    console.log(`cache: warm ${n} requests → ${warmCalls} HTTP calls in ${warmMs.toFixed(1)} ms (${((warmMs / n) * 1000).toFixed(0)} µs per hit)`);
  } finally {
    await double.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const latency = Number(process.argv[2] ?? 50);
  benchLlm(latency).catch((e: Error) => {
    console.error(e);
    process.exit(1);
  });
}
