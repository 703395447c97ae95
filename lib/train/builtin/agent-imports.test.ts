import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");

/** The project modules a file imports (value imports only: `import type` is erased), resolved to files. */
function imports(file: string): { local: string[]; packages: string[] } {
  const text = fs.readFileSync(file, "utf8");
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    const spec = m[1];
    const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
    if (!base) {
      packages.push(spec);
      continue;
    }
    const found = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((f) => fs.existsSync(f));
    if (found) local.push(found);
  }
  return { local, packages };
}

/** Every package reachable from a module through the project's value imports. */
function reachablePackages(entry: string): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { local, packages: pkgs } = imports(file);
    for (const p of pkgs) if (!packages.has(p)) packages.set(p, path.relative(ROOT, file));
    stack.push(...local);
  }
  return packages;
}

describe("the built-in checkpoint agent", () => {
  it("loads without tfjs (the studio's server evaluates checkpoints with the JS sampler; tfjs's gradient registry does not load there)", () => {
    const packages = reachablePackages(path.join(ROOT, "lib/train/builtin/agent.ts"));
    const tfjs = [...packages].filter(([p]) => p.startsWith("@tensorflow/"));
    expect(tfjs, tfjs.map(([p, from]) => `${p} (imported by ${from})`).join("\n")).toEqual([]);
    expect(reachablePackages(path.join(ROOT, "lib/train/builtin/trainer.ts")).has("@tensorflow/tfjs-core")).toBe(true); // the walk does find tfjs where it is
  });
});
