import type { TrainEventInput } from "@/lib/train/protocol";

export interface VerlLogParserOptions {
  /** Validation tasks per data source (branch kind): weights the overall validation reward and fills `n`. */
  validationKinds?: Record<string, number>;
}

/** The aggregate the studio's charts read (lib/train/protocol METRICS.valScore). */
const VAL_SCORE = "val-core/reward/mean";
/** "(TaskRunner pid=123, ip=10.0.0.2) " — Ray's prefix on lines printed by actors. */
const RAY_PREFIX = /^\((?:[\w.\-]+ )?pid=\d+(?:, ip=[^)]*)?\)\s?/;
const RAY_REPEATED = /\s*\[repeated \d+x across cluster\]\s*$/;
const ANSI = /\x1b\[[0-9;]*m/g;
const PER_SOURCE_SCORE = /^val-core\/([^/]+)\/reward\/mean@(\d+)$/;

/**
 * Turns a verl job's log into protocol events. Metrics come in two shapes, both kept under
 * verl's own names: the console logger's `step:N - key:value - …` lines and the file logger's
 * JSONL `{"step":N,"data":{…}}` (run.sh echoes that file into the log). A metric already reported
 * for a step is not reported again, so reading both gives each value once. Validation metrics
 * (val-core/…, val-aux/…) become phase "val" plus an eval event; a saved checkpoint a
 * checkpoint event; every other line a log event. Text may arrive cut anywhere: an unfinished
 * last line waits for the next chunk.
 */
export class VerlLogParser {
  private partial = "";
  private readonly reported = new Map<string, Set<string>>();

  constructor(private readonly options: VerlLogParserOptions = {}) {}

  push(chunk: string): TrainEventInput[] {
    const text = this.partial + chunk;
    const lines = text.split("\n");
    this.partial = lines.pop() ?? "";
    return lines.flatMap((line) => this.parseLine(line));
  }

  /** The last line, when the log ended without a newline. */
  flush(): TrainEventInput[] {
    const rest = this.partial;
    this.partial = "";
    return this.parseLine(rest);
  }

  parseLine(raw: string): TrainEventInput[] {
    const line = raw.replace(ANSI, "").replace(/\r$/, "").replace(RAY_PREFIX, "").replace(RAY_REPEATED, "").trim();
    if (!line) return [];
    const metrics = fileLoggerRecord(line) ?? consoleRecord(line);
    if (metrics) return this.metricEvents(metrics.step, metrics.data);
    const checkpoint = /local_global_step_folder:\s*(\S+)/.exec(line);
    if (checkpoint) {
      const step = /global_step_(\d+)/.exec(checkpoint[1]);
      return [{ type: "checkpoint", step: step ? Number(step[1]) : 0, path: checkpoint[1] }, { type: "log", level: "info", message: line }];
    }
    return [{ type: "log", level: logLevel(line), message: line }];
  }

  private metricEvents(step: number, data: Record<string, number>): TrainEventInput[] {
    const val: Record<string, number> = {};
    const train: Record<string, number> = {};
    for (const [key, value] of Object.entries(data)) (key.startsWith("val-") ? val : train)[key] = value;
    const events: TrainEventInput[] = [];
    const fresh = this.unreported("grpo", step, train);
    if (Object.keys(fresh).length) events.push({ type: "metrics", step, phase: "grpo", data: fresh });
    const freshVal = this.unreported("val", step, val);
    if (Object.keys(freshVal).length) {
      const evaluation = this.evaluation(step, freshVal);
      if (evaluation && !this.seen("val", step).has(VAL_SCORE)) {
        freshVal[VAL_SCORE] = evaluation.reward;
        this.seen("val", step).add(VAL_SCORE);
        events.push({ type: "metrics", step, phase: "val", data: freshVal }, evaluation);
      } else events.push({ type: "metrics", step, phase: "val", data: freshVal });
    }
    return events;
  }

  /** val-core/<kind>/reward/mean@N per kind (binary rewards: the pass rate) → one eval event. */
  private evaluation(step: number, val: Record<string, number>): Extract<TrainEventInput, { type: "eval" }> | null {
    const best = new Map<string, { at: number; value: number }>();
    for (const [key, value] of Object.entries(val)) {
      const m = PER_SOURCE_SCORE.exec(key);
      if (!m) continue;
      const at = Number(m[2]);
      // mean@1 is the greedy pass rate; with several samples keep the smallest N (closest to pass@1)
      const prev = best.get(m[1]);
      if (!prev || at < prev.at) best.set(m[1], { at, value });
    }
    if (!best.size) return null;
    const kinds = this.options.validationKinds ?? {};
    const byKind: Record<string, { pass: number; n: number }> = {};
    let sum = 0;
    let weight = 0;
    for (const [kind, { value }] of best) {
      const n = kinds[kind] ?? 0;
      byKind[kind] = { pass: value, n };
      const w = n || 1;
      sum += value * w;
      weight += w;
    }
    return { type: "eval", step, reward: sum / weight, byKind };
  }

  private seen(phase: string, step: number): Set<string> {
    const id = `${phase}:${step}`;
    let set = this.reported.get(id);
    if (!set) this.reported.set(id, (set = new Set()));
    return set;
  }

  private unreported(phase: string, step: number, data: Record<string, number>): Record<string, number> {
    const seen = this.seen(phase, step);
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(data)) {
      if (seen.has(key)) continue;
      seen.add(key);
      out[key] = value;
    }
    return out;
  }
}

/** A file-logger line: `{"step": N, "data": {…}}` (extra keys such as elapsed_seconds ignored). */
function fileLoggerRecord(line: string): { step: number; data: Record<string, number> } | null {
  if (!line.startsWith("{")) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  const record = parsed as { step?: unknown; data?: unknown };
  if (!Number.isInteger(record.step) || (record.step as number) < 0 || !record.data || typeof record.data !== "object") return null;
  const data: Record<string, number> = {};
  for (const [key, value] of Object.entries(record.data as Record<string, unknown>)) {
    const n = typeof value === "boolean" ? Number(value) : value;
    if (typeof n === "number" && Number.isFinite(n)) data[key] = n;
  }
  return { step: record.step as number, data };
}

/** A console-logger line: `step:N - key:value - key:value`; values as pprint writes numbers. */
function consoleRecord(line: string): { step: number; data: Record<string, number> } | null {
  const head = /^step:(\d+)(?:\s+-\s+|$)/.exec(line);
  if (!head) return null;
  const data: Record<string, number> = {};
  for (const part of line.slice(head[0].length).split(" - ")) {
    // keys hold no colon; a value may (tensor(0.5, device='cuda:0'))
    const colon = part.indexOf(":");
    if (colon <= 0) continue;
    const value = numberOf(part.slice(colon + 1).trim());
    if (value !== null) data[part.slice(0, colon).trim()] = value;
  }
  return { step: Number(head[1]), data };
}

/** "0.25", "np.float64(0.25)", "tensor(0.25)", "True" → a finite number; anything else null. */
function numberOf(text: string): number | null {
  if (text === "True" || text === "False") return text === "True" ? 1 : 0;
  const inner = /^(?:[\w.]+\()?\s*([-+]?[\d.]+(?:e[-+]?\d+)?)\s*(?:,[^)]*)?\)?$/i.exec(text);
  if (!inner) return null;
  const value = Number(inner[1]);
  return Number.isFinite(value) ? value : null;
}

function logLevel(line: string): "info" | "warn" | "error" {
  // "Traceback", "torch.OutOfMemoryError: …", "ValueError", "ERROR …"
  if (/Traceback|[a-z](Error|Exception)\b|\b(Error|Exception|ERROR|FAILED)\b/.test(line)) return "error";
  if (/\bWARN(ING)?\b|^warning:/i.test(line)) return "warn";
  return "info";
}
