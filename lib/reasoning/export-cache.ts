import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { DomainError } from "@/lib/errors";
import { exportProblems, type ProblemExportInput, type ProblemExportSummary } from "./export";

/**
 * Written problem exports, kept for their download links: one folder per scope and snapshot
 * hash, so the links of one export (three files for verl with its card) stream what was written
 * instead of exporting again per file. A folder unused for `ttlMs` is removed; a link that
 * outlives it exports again and is refused if the problems changed since.
 */
export class ProblemExportCache {
  constructor(
    private readonly root = path.join(os.tmpdir(), "flywheel-problem-exports"),
    private readonly ttlMs = 30 * 60_000,
  ) {}

  private folder(input: ProblemExportInput, hash: string): string {
    const scope = createHash("sha256").update(JSON.stringify([input.format, input.domain, input.approvedOnly, input.validationRatio])).digest("hex");
    return path.join(this.root, `${scope.slice(0, 16)}-${hash.slice(0, 16)}`);
  }

  /** Exports the scope into a kept folder; the summary names the files its links stream. */
  async export(db: Db, input: ProblemExportInput): Promise<ProblemExportSummary> {
    this.prune();
    mkdirSync(this.root, { recursive: true });
    const tmp = mkdtempSync(path.join(this.root, ".writing-"));
    try {
      const summary = await exportProblems({ db, input, outDir: tmp });
      const target = this.folder(input, summary.snapshotHash);
      if (existsSync(target)) touch(target);
      else renameSync(tmp, target);
      return summary;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** The path of one file of the export `hash` names (written again when its folder is gone). */
  async file(db: Db, input: ProblemExportInput, file: string, hash?: string): Promise<string> {
    if (hash !== undefined && !/^[0-9a-f]{16,}$/.test(hash)) throw new DomainError("invalid", `"${hash}" is not an export's snapshot hash`);
    let dir = hash ? this.folder(input, hash) : null;
    if (!dir || !existsSync(dir)) {
      const summary = await this.export(db, input);
      if (hash && hash !== summary.snapshotHash) throw new DomainError("conflict", "The problems changed since this export (new problems, reviews or pass rates): export again for fresh links.");
      dir = this.folder(input, summary.snapshotHash);
    }
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" });
    if (!files.includes(file)) throw new DomainError("not_found", `This export has no file "${file}"; it wrote ${files.join(", ")}.`);
    touch(dir);
    return path.join(dir, file);
  }

  /** Removes folders unused for longer than the time to live (a download already streaming keeps its open file). */
  prune(now = Date.now()): void {
    if (!existsSync(this.root)) return;
    for (const name of readdirSync(this.root)) {
      const dir = path.join(this.root, name);
      if (now - statSync(dir).mtimeMs > this.ttlMs) rmSync(dir, { recursive: true, force: true });
    }
  }
}

const touch = (dir: string) => {
  const now = new Date();
  utimesSync(dir, now, now);
};
