/**
 * Export benchmark: N cases (default 100,000), cloned from the example domains' synthesized
 * cases with fresh ids and streamed from a generator, through each format. Prints rows/s, the
 * peak RSS seen while exporting (sampled every 500 rows) and the output size. Figures only.
 *
 *   npx tsx bench/export.ts [rows] [formats, comma-separated]
 *   node --expose-gc --import tsx bench/export.ts …   (also samples the live heap every 10,000 rows)
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportDataset, loadTokenCounter, planSplit, splitItem, type ExportFormat, type ExportRow } from "@/lib/export";
import { exampleRows } from "@/lib/export/test-fixture";

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;

/** Exposed by `node --expose-gc`: then the bench also reports the live heap after a full GC. */
const gc = (globalThis as { gc?: () => void }).gc;

/** `n` clones with fresh ids, never held at once; samples RSS (and the live heap, with gc) as it goes. */
function* clones(base: ExportRow[], n: number, peak: { rss: number; live: number }): Generator<ExportRow> {
  for (let i = 0; i < n; i++) {
    if (i % 500 === 0) peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    if (gc && i % 10_000 === 0) {
      gc();
      peak.live = Math.max(peak.live, process.memoryUsage().heapUsed);
    }
    const row = base[i % base.length];
    yield { ...row, id: `${row.id}~${i}` };
  }
  peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
}

function dirSize(files: string[]): number {
  return files.reduce((s, f) => s + statSync(f).size, 0);
}

export async function benchExport(n = 100_000, formats: ExportFormat[] = ["verl", "chat", "tau2"]): Promise<void> {
  let t = performance.now();
  const base = await exampleRows();
  console.log(`synthesized ${base.length} example cases in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted); cloning to ${n.toLocaleString()} rows`);

  t = performance.now();
  await loadTokenCounter();
  gc?.();
  const heap = gc ? `, live heap ${mb(process.memoryUsage().heapUsed)}` : "";
  console.log(`Qwen3 tokenizer + template loaded in ${((performance.now() - t) / 1000).toFixed(1)} s (once per process, not counted); RSS now ${mb(process.memoryUsage.rss())}${heap}`);

  t = performance.now();
  const plan = planSplit(
    (function* () {
      for (let i = 0; i < n; i++) yield splitItem({ ...base[i % base.length], id: `${base[i % base.length].id}~${i}` });
    })(),
    { seed: 1, validationRatio: 0.1 },
  );
  console.log(`planSplit: ${n.toLocaleString()} items in ${((performance.now() - t) / 1000).toFixed(2)} s → ${plan.groups} groups, validation ${(plan.validationRatio * 100).toFixed(1)}%`);

  for (const format of formats) {
    const outDir = mkdtempSync(path.join(tmpdir(), `bench-export-${format}-`));
    const peak = { rss: process.memoryUsage.rss(), live: 0 };
    const start = performance.now();
    const res = await exportDataset({ format, rows: clones(base, n, peak), outDir, split: plan.assignment });
    const s = (performance.now() - start) / 1000;
    console.log(
      `${format.padEnd(5)} ${res.rows.toLocaleString()} rows in ${s.toFixed(1)} s = ${Math.round(res.rows / s).toLocaleString()} rows/s; ` +
        `peak RSS ${mb(peak.rss)}${gc ? ` (live heap after GC ≤ ${mb(peak.live)})` : ""}; output ${mb(dirSize(res.files))} in ${res.files.length} files; ${res.warnings.length} warnings` +
        (res.stats.tokens.length ? `; tokens median ${[...res.stats.tokens].sort((a, b) => a - b)[res.stats.tokens.length >> 1]}` : ""),
    );
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("export.ts")) {
  const n = Number(process.argv[2] ?? 100_000);
  const formats = (process.argv[3]?.split(",") ?? ["verl", "chat", "tau2"]) as ExportFormat[];
  void benchExport(n, formats);
}
