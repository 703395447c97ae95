import type { Db } from "@/db/client";
import { SqliteLlmCache } from "@/db/queries/llm-cache";
import { getStoredLlmSettings } from "@/db/queries/settings";
import { canonicalJson, createLlmClient, loadLlmConfig, type LlmClient, type LlmConfig, type UsageEvent } from "@/lib/llm";
import type { GenerateInput } from "./schema";

/** Settings as the studio runs them: environment, then what an admin saved, then the job's own model choice. */
export function studioLlmConfig(db: Db, models?: GenerateInput["models"]): LlmConfig {
  const config = loadLlmConfig({ stored: getStoredLlmSettings({ db }) });
  if (models?.writer) config.roles = { ...config.roles, writer: { ...config.roles.writer, model: models.writer } };
  return config;
}

type Reporter = (event: UsageEvent) => void;

// One client per distinct config in this process, so every item of every job shares one AIMD
// limiter per endpoint; each call's usage goes to the item that made it, found by its usage key.
const store = globalThis as typeof globalThis & { __flywheelStudioClients?: WeakMap<Db, Map<string, LlmClient>>; __flywheelUsageReporters?: Map<string, Reporter> };
const clientsByDb = (store.__flywheelStudioClients ??= new WeakMap());
const reporters = (store.__flywheelUsageReporters ??= new Map());

/** The shared client for `config`, answering from the SQLite cache first. */
export function studioLlmClient(db: Db, config: LlmConfig): LlmClient {
  const key = canonicalJson(config);
  let clients = clientsByDb.get(db);
  if (!clients) clientsByDb.set(db, (clients = new Map()));
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= 8) clients.clear();
    client = createLlmClient(config, {
      cache: new SqliteLlmCache(db),
      onUsage: (event) => event.keys.forEach((k) => reporters.get(k)?.(event)),
    });
    clients.set(key, client);
  }
  return client;
}

/** Runs `fn` with calls tagged `key` reported to `report` (the item's usage). */
export async function withUsageReporter<T>(key: string, report: Reporter, fn: () => Promise<T>): Promise<T> {
  reporters.set(key, report);
  try {
    return await fn();
  } finally {
    reporters.delete(key);
  }
}
