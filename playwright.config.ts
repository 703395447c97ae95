import { defineConfig } from "@playwright/test";
import { ADMIN_STATE } from "./e2e/global-setup";

const port = Number(process.env.E2E_PORT ?? 3100);
/** The loopback OpenAI double's port (e2e/generate.spec.ts reads the same variable). */
const llmPort = Number(process.env.E2E_LLM_PORT ?? 4011);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  // Pages poll jobs that share the server with training rounds on a 2-core machine: give them time.
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  // Signs in as the first admin once; every spec starts signed in (auth.spec.ts signs out where it needs to).
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    viewport: { width: 1440, height: 900 },
    storageState: ADMIN_STATE,
  },
  webServer: [
    {
      // A fresh database per run, so e2e never touches a developer's data.
      command: `node scripts/start.mjs --port ${port} --fresh`,
      url: `http://127.0.0.1:${port}/api/health`,
      timeout: 900_000, // the first start builds Next (about a minute idle; far longer on a loaded 2-core machine)
      reuseExistingServer: !process.env.CI,
      env: { FLYWHEEL_DB: "data/e2e.db", FLYWHEEL_ADMIN_PASSWORD: "e2e-admin-password" },
    },
    {
      // The loopback OpenAI-compatible double; specs that need an LLM save it as the provider.
      command: `npx tsx lib/llm/testing/openai-double.ts --port ${llmPort} --scenario studio`,
      url: `http://127.0.0.1:${llmPort}/v1/models`,
      timeout: 60_000,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
