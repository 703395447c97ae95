import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DomainSpec } from "@/lib/domain/schema";
import { hashState } from "@/lib/env/state";
import { DomainError } from "@/lib/errors";
import { JsonArraySink } from "./line-sink";
import { tau2Task } from "./tau2-task";
import { isProblemRow, writeFailed, type FormatWriter, type Split } from "./types";

/** tau2 split names: our validation split is tau2's "test"; "base" holds every task. */
export const TAU2_SPLIT_NAMES: Record<Split, string> = { train: "train", validation: "test" };

interface DomainFolder {
  dir: string;
  spec: DomainSpec;
  seedHash: string;
  tasks: JsonArraySink;
  splits: Record<string, string[]>;
}

/**
 * tau2-bench domain data (tau2-format.md "Domain layout"): per domain, <outDir>/<slug>/ with
 * tasks.json (streamed, one task at a time), policy.md, db.json (the seed database every task
 * starts from) and split_tasks.json. The tools themselves are code in tau2 (tools.py); env_spec
 * in the verl export carries their effects.
 */
export function createTau2Writer(options: { outDir: string }): FormatWriter {
  const folders = new Map<string, DomainFolder>();
  /** Domain objects already compared with their folder's (rows usually share one object). */
  const checked = new WeakSet<DomainSpec>();

  const open = (spec: DomainSpec): DomainFolder => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.slug)) throw new DomainError("invalid", `domain slug "${spec.slug}" cannot name a folder (lowercase letters, digits and -)`);
    const dir = path.join(options.outDir, spec.slug);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "policy.md"), `# ${spec.name}\n\n${spec.policy.trim()}\n`);
      writeFileSync(path.join(dir, "db.json"), `${JSON.stringify(spec.db, null, 2)}\n`);
    } catch (e) {
      throw writeFailed(dir, e);
    }
    const folder = { dir, spec, seedHash: hashState(spec.db), tasks: new JsonArraySink(path.join(dir, "tasks.json")), splits: { base: [], train: [], test: [] } };
    folders.set(spec.slug, folder);
    return folder;
  };

  return {
    async add(row, ctx) {
      if (isProblemRow(row)) throw new Error("reasoning problems have no tau2 form (tau2 tasks are conversations with a user); export them as verl or chat");
      const folder = folders.get(row.domain.slug) ?? open(row.domain);
      if (!checked.has(row.domain)) {
        checked.add(row.domain);
        if (hashState(row.domain.db) !== folder.seedHash || row.domain.policy !== folder.spec.policy) {
          ctx.warn("domain_changed", `row ${row.id}: domain ${row.domain.slug} differs from the one whose policy.md and db.json were written; its tasks patch that db.json`);
        }
      }
      const { task, unexpressible } = tau2Task(row, folder.spec.db);
      if (unexpressible.length) ctx.warn("not_expressible", `row ${row.id}: tau2 merges initial state into db.json and cannot express: ${unexpressible.slice(0, 5).join(", ")}${unexpressible.length > 5 ? " …" : ""}`);
      await folder.tasks.push(task, 2).catch((e) => Promise.reject(writeFailed(folder.tasks.filename, e)));
      folder.splits.base.push(row.id);
      folder.splits[TAU2_SPLIT_NAMES[ctx.split]].push(row.id);
      return null;
    },
    async close() {
      const files: string[] = [];
      for (const folder of folders.values()) {
        await folder.tasks.close();
        const splits = Object.fromEntries(Object.entries(folder.splits).filter(([name, ids]) => name === "base" || ids.length));
        writeFileSync(path.join(folder.dir, "split_tasks.json"), `${JSON.stringify(splits, null, 2)}\n`);
        files.push(...["tasks.json", "split_tasks.json", "policy.md", "db.json"].map((f) => path.join(folder.dir, f)));
      }
      return files;
    },
  };
}
