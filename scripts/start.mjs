#!/usr/bin/env node
// One command to run the studio: migrate + seed the SQLite database, build if the sources
// changed since the last build, then serve on http://localhost:3000 (or --port N).
//   node scripts/start.mjs [--port 3000] [--fresh]   (--fresh deletes FLYWHEEL_DB first; e2e uses it)
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { port: { type: "string" }, fresh: { type: "boolean" } } });
const port = values.port ?? process.env.PORT ?? "3000";
process.env.FLYWHEEL_ROOT ??= root;
process.env.NEXT_TELEMETRY_DISABLED = "1"; // no network calls from the studio
const dbFile = path.resolve(root, process.env.FLYWHEEL_DB ?? "data/flywheel.db");
process.env.FLYWHEEL_DB = dbFile;

if (values.fresh) for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, [path.join(root, "bin/flywheel.mjs"), "db", "init"]);

// Rebuild only when a source file is newer than the last build.
const SOURCES = ["app", "components", "lib", "db", "public", "next.config.ts", "package.json"];
function newestMtime(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(full).map((f) => newestMtime(path.join(p, f))));
}
const buildId = path.join(root, ".next", "BUILD_ID");
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestMtime))) {
  console.log("Building the studio (first start or sources changed)…");
  run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"]);
}

console.log(`Flywheel Studio on http://localhost:${port} (database ${dbFile})`);
const server = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
