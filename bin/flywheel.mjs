#!/usr/bin/env node
// The `flywheel` CLI: runs cli/main.ts through tsx, so the CLI and the API share the same lib code.
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.FLYWHEEL_ROOT ??= root;
process.env.TSX_TSCONFIG_PATH ??= path.join(root, "tsconfig.json");
await import("tsx"); // registers tsx's ESM and CommonJS hooks for this process
const cli = await import(pathToFileURL(path.join(root, "cli", "main.ts")).href);
const main = cli.main ?? cli.default?.main; // a .ts file outside "type": "module" loads as CommonJS
process.exitCode = await main(process.argv.slice(2));
