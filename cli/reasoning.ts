import fs from "node:fs";
import path from "node:path";
import { studioDb } from "@/db";
import { getProblemEval } from "@/db/queries/problems";
import { getStoredLlmSettings } from "@/db/queries/settings";
import { agentConfig, createOpenAiAgent } from "@/lib/eval/openai-agent";
import { resolveAgent } from "@/lib/eval/agents";
import { createLlmClient, isConfigured, loadLlmConfig } from "@/lib/llm";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { exportProblems, ProblemExportInput } from "@/lib/reasoning/export";
import { evaluateProblems, failuresFromJsonl, failuresOfEval, generateAndStore, generateInVoices, hardenProblems, importAndStore, loadDomain } from "@/lib/reasoning/flywheel";
import { FREE_TEXT } from "@/lib/reasoning/library";
import { problemAgents, PROBLEM_POLICY_FORMS } from "@/lib/reasoning/policy-agents";
import { solversFromSpecs } from "@/lib/reasoning/solvers";
import type { Command } from "./commands";
import { args, fail, print, printJson, table } from "./io";

const USAGE = `usage: flywheel reasoning generate <domain-slug> [--count N] [--seed S] [--persona-voice] [--json]
       flywheel reasoning harden <domain-slug | free-text> --from <eval-id | failures.jsonl> [--threshold 0.5] [--min-samples K] [--solvers m1,m2@URL,…] [--agree N] [--json]
       flywheel reasoning import <file.jsonl> [--json]
       flywheel reasoning eval <domain-slug | free-text> --agent <${PROBLEM_POLICY_FORMS}> [--samples K] [--round R] [--json]
       flywheel reasoning export <domain-slug | free-text | all> --format verl|chat --out DIR [--validation-ratio R] [--approved] [--json]`;

const int = (v: string | undefined, name: string, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
};

const llmConfig = (db: ReturnType<typeof studioDb>) => loadLlmConfig({ env: process.env, stored: getStoredLlmSettings({ db }) });


const subcommands: Record<string, (argv: string[]) => Promise<number>> = {
  async generate(argv) {
    const { positionals, values } = args(argv, { count: { type: "string" }, seed: { type: "string" }, round: { type: "string" }, "persona-voice": { type: "boolean" } });
    const slug = positionals[0];
    if (!slug) throw new Error(USAGE);
    const db = studioDb();
    const options = { db, slug, count: int(values.count, "count", 20), seed: int(values.seed, "seed", 0), round: int(values.round, "round", 0) };
    let report: ReturnType<typeof generateAndStore> & { rewriteFailures?: { id: string; reason: string }[] };
    if (values["persona-voice"]) {
      const config = llmConfig(db);
      if (!isConfigured(config, "writer")) throw new Error("--persona-voice needs the writer model: set FLYWHEEL_LLM_BASE_URL and a model, or the Settings page");
      report = await generateInVoices({ ...options, writer: createLlmClient(config), personas: SEED_PERSONAS.map((p) => p.persona) });
    } else report = generateAndStore(options);
    const out = { generated: report.generated, verified: report.problems.length, stored: report.inserted, rejected: report.rejected.map((r) => ({ reason: r.reason })), by_kind: report.byKind, ...(report.rewriteFailures ? { rewrite_failures: report.rewriteFailures } : {}) };
    if (values.json) printJson(out);
    else print(`${slug}: ${out.verified} verified of ${out.generated} candidates (${out.stored} new), ${out.rejected.length} rejected; by kind ${JSON.stringify(out.by_kind)}`);
    return 0;
  },

  async harden(argv) {
    const { positionals, values } = args(argv, { from: { type: "string" }, threshold: { type: "string" }, "min-samples": { type: "string" }, seed: { type: "string" }, solvers: { type: "string" }, agree: { type: "string" }, persona: { type: "string" } });
    const target = positionals[0];
    if (!target || !values.from) throw new Error(USAGE);
    const db = studioDb();
    const slug = target === FREE_TEXT ? null : target;
    if (slug) loadDomain(db, slug);
    let parents;
    if (/^\d+$/.test(values.from)) {
      getProblemEval({ db, id: Number(values.from) });
      parents = failuresOfEval({ db, evalId: Number(values.from), threshold: int(values.threshold, "threshold", 0.5), minSamples: int(values["min-samples"], "min-samples", 1) });
    } else {
      const read = failuresFromJsonl({ db, text: fs.readFileSync(values.from, "utf8") });
      for (const b of read.bad) fail(`${values.from}:${b.line}: ${b.reason}`);
      parents = read.problems;
    }
    const solverSpecs = (values.solvers ?? process.env.FLYWHEEL_REASONING_SOLVERS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const config = llmConfig(db);
    const writer = isConfigured(config, "writer") ? createLlmClient(config) : undefined;
    const solvers = solverSpecs.length ? solversFromSpecs(solverSpecs, config) : undefined;
    const report = await hardenProblems({ db, slug, parents, seed: int(values.seed, "seed", 0), writer, solvers, required: values.agree ? int(values.agree, "agree", 2) : undefined, persona: values.persona });
    const { variant_ids: _ids, ...out } = report;
    if (values.json) printJson(out);
    else print(`${target}: ${out.parents} parents → ${out.verified} verified variants (${out.variants} stored, ${out.rejected.length} rejected); mean difficulty ${out.mean_difficulty_before} → ${out.mean_difficulty_after}`);
    return 0;
  },

  async import(argv) {
    const { positionals, values } = args(argv);
    const file = positionals[0];
    if (!file) throw new Error(USAGE);
    const report = importAndStore({ db: studioDb(), text: fs.readFileSync(file, "utf8"), dataset: path.basename(file) });
    const kinds: Record<string, number> = {};
    for (const p of report.problems) kinds[p.answer.kind] = (kinds[p.answer.kind] ?? 0) + 1;
    const out = { imported: report.problems.length, stored: report.inserted, duplicates: report.duplicates, bad: report.bad, by_format: report.byFormat, by_kind: kinds };
    if (values.json) printJson(out);
    else {
      print(`${file}: ${out.imported} imported (${out.stored} new), ${out.duplicates.length} duplicates, ${out.bad.length} bad lines`);
      for (const b of report.bad) fail(`  line ${b.line}: ${b.reason}`);
    }
    return report.problems.length || !report.bad.length ? 0 : 1;
  },

  async eval(argv) {
    const { positionals, values } = args(argv, { agent: { type: "string" }, samples: { type: "string" }, round: { type: "string" } });
    const target = positionals[0];
    if (!target || !values.agent) throw new Error(USAGE);
    const db = studioDb();
    const slug = target === FREE_TEXT ? null : target;
    const agentFor = await problemAgents(values.agent, { llmConfig: llmConfig(db) });
    const summary = await evaluateProblems({ db, slug, policy: values.agent, agentFor, samples: int(values.samples, "samples", 1), round: int(values.round, "round", 0) });
    if (values.json) printJson(summary);
    else print(table([["eval", "policy", "problems", "samples", "pass rate"], [summary.eval_id, summary.policy, summary.problems, summary.samples, summary.pass_rate.toFixed(3)]]));
    return 0;
  },

  async export(argv) {
    const { positionals, values } = args(argv, { format: { type: "string" }, out: { type: "string" }, "validation-ratio": { type: "string" }, approved: { type: "boolean" } });
    const target = positionals[0];
    if (!target || !values.out || (values.format !== "verl" && values.format !== "chat")) throw new Error(USAGE);
    const input = ProblemExportInput.parse({ format: values.format, domain: target, approvedOnly: values.approved ?? false, validationRatio: int(values["validation-ratio"], "validation-ratio", 0.1) });
    const result = await exportProblems({ db: studioDb(), input, outDir: values.out });
    const files = result.files.map((f) => path.join(values.out!, f));
    const out = { rows: result.rows, skipped: result.skipped, files, snapshot_hash: result.snapshotHash, warnings: result.warnings };
    if (values.json) printJson(out);
    else print(`${result.rows} problems → ${files.join(", ")}${result.skipped ? ` (${result.skipped} skipped)` : ""}`);
    return 0;
  },
};

/** `flywheel reasoning …`: the reasoning flywheel from the terminal (the same lib calls as the page). */
export const reasoningCommand: Command = {
  async run(argv) {
    const [sub, ...rest] = argv;
    const run = sub ? subcommands[sub] : undefined;
    if (!run) {
      fail(USAGE);
      return 1;
    }
    return run(rest);
  },
};
