#!/usr/bin/env node
// The `flywheel` CLI: runs cli/main.ts through tsx, so the CLI and the API share the same lib code.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.FLYWHEEL_ROOT ??= root;
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(path.join(root, "cli", "main.ts"));
process.exitCode = await main(process.argv.slice(2));
