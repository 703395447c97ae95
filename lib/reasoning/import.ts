import { contentId } from "./problem";
import type { Answer, Problem } from "./schema";
import { parseMath } from "./verify/math";
import { lastBoxed, normalizeLatex, normalizeText, plainNumber } from "./verify/normalize";

/**
 * Imports question/answer problems from JSONL: GSM8K ({question, answer: "…#### 72"}), MATH
 * ({problem, solution with \boxed{…}} or {problem, answer}) and the Tool-Star-like records the
 * paper's converter reads ({question, answer}). Answers are normalised and given a kind (a
 * number, a LaTeX expression, or exact text); duplicates (same normalised question) and bad
 * lines are listed with their reasons, never dropped silently.
 */
export interface ImportIssue {
  line: number;
  reason: string;
}

export interface ImportReport {
  problems: Problem[];
  bad: ImportIssue[];
  duplicates: (ImportIssue & { of: string })[];
  byFormat: Record<string, number>;
}

/** The question with case, spacing and punctuation folded: two lines asking the same thing collide. */
export const questionKey = (q: string) => normalizeText(q).replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** A normalised answer and its kind. */
export function classifyAnswer(raw: string): Answer | { error: string } {
  const text = raw.trim();
  if (!text) return { error: "the answer is empty" };
  const n = plainNumber(text.replace(/^\\\$|^\$/, ""));
  if (n !== null) return { kind: "number", value: n, tolerance: Number.isInteger(n) ? 0 : 1e-6 };
  const latex = normalizeLatex(text);
  const m = plainNumber(latex);
  if (m !== null) return { kind: "number", value: m, tolerance: Number.isInteger(m) ? 0 : 1e-6 };
  if (/[\\^_{}/=+*()]|\d/.test(latex) && parseMath(latex)) return { kind: "math", value: latex };
  return { kind: "exact", value: text };
}

type Parsed = { format: string; question: string; answer: string } | { error: string };

function parseRecord(record: Record<string, unknown>): Parsed {
  const str = (k: string) => (typeof record[k] === "string" ? (record[k] as string) : typeof record[k] === "number" ? String(record[k]) : undefined);
  const question = str("question") ?? str("problem") ?? str("prompt");
  if (!question?.trim()) return { error: 'no "question" (or "problem") text' };
  const answer = str("answer");
  if (answer !== undefined && /####/.test(answer)) {
    const final = answer.split("####").pop()!.trim();
    return final ? { format: "gsm8k", question, answer: final } : { error: 'the GSM8K answer has nothing after "####"' };
  }
  const solution = str("solution");
  if (answer === undefined && solution !== undefined) {
    const boxed = lastBoxed(solution);
    return boxed !== null ? { format: "math", question, answer: boxed } : { error: "the MATH solution has no \\boxed{} answer" };
  }
  if (answer !== undefined) {
    const boxed = lastBoxed(answer);
    return { format: str("problem") !== undefined ? "math" : "qa", question, answer: boxed ?? answer };
  }
  const gt = str("gt_answer") ?? str("ground_truth");
  if (gt !== undefined) return { format: "qa", question, answer: gt };
  return { error: 'no "answer", "solution" or "gt_answer" field' };
}

export interface ImportOptions {
  /** Names the batch in each problem's origin. */
  dataset: string;
  /** Question keys already stored: a line repeating one is a duplicate. */
  existing?: Map<string, string>;
  round?: number;
}

export function importProblems(text: string, options: ImportOptions): ImportReport {
  const problems: Problem[] = [];
  const bad: ImportIssue[] = [];
  const duplicates: ImportReport["duplicates"] = [];
  const byFormat: Record<string, number> = {};
  const seen = new Map(options.existing ?? []);
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (!raw.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (e) {
      bad.push({ line, reason: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    if (!record || typeof record !== "object" || Array.isArray(record)) {
      bad.push({ line, reason: "not a JSON object" });
      continue;
    }
    const parsed = parseRecord(record as Record<string, unknown>);
    if ("error" in parsed) {
      bad.push({ line, reason: parsed.error });
      continue;
    }
    const answer = classifyAnswer(parsed.answer);
    if ("error" in answer) {
      bad.push({ line, reason: answer.error });
      continue;
    }
    const key = questionKey(parsed.question);
    const id = contentId("q", key);
    const prior = seen.get(key);
    if (prior) {
      duplicates.push({ line, reason: "the same question (after normalisation) is already there", of: prior });
      continue;
    }
    seen.set(key, id);
    byFormat[parsed.format] = (byFormat[parsed.format] ?? 0) + 1;
    const sentences = parsed.question.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;
    problems.push({
      id,
      domain: null,
      statement: parsed.question.trim(),
      answer,
      source: "import",
      plan: [],
      tools: [],
      difficulty: { solution_steps: sentences, tool_calls: 0, score: sentences, pass_rates: [] },
      lineage: { parent: null, root: id, mutation: null, round: options.round ?? 0 },
      verdict: "verified",
      reason: "",
      origin: { dataset: options.dataset, line },
    });
  }
  return { problems, bad, duplicates, byFormat };
}
