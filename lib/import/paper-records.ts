import { DomainError } from "@/lib/errors";
import { lastBlock, splitMergedBackground, splitUserMessage } from "./prompt-parts";
import type { ImportedCase } from "./schema";
import { readToolPaths } from "./tool-paths";
import { parseToolsBlock } from "./tools-block";

export interface ParsedPaperFile {
  format: "json-array" | "jsonl";
  /** The records that parsed, in file order. */
  records: unknown[];
  /** Where each of `records` sits: its 0-based slot in the file and, for JSONL, its 1-based line. */
  origins: { index: number; line: number | null }[];
  /** JSONL lines that are not JSON; `index` is the slot the line would have filled. */
  lineErrors: { index: number; line: number; reason: string }[];
}

/**
 * Reads a file of filtered records: a JSON array (the paper's tool_use_demo.json) or JSONL, one
 * record per non-blank line. A bad JSONL line is listed, not fatal; a file that starts like a
 * JSON array but does not parse (and whose first line is no JSON value of its own) has no
 * recoverable records and throws.
 */
export function parsePaperRecords(text: string): ParsedPaperFile {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trimStart().startsWith("[")) {
    try {
      const records = JSON.parse(body) as unknown[];
      return { format: "json-array", records, origins: records.map((_, index) => ({ index, line: null })), lineErrors: [] };
    } catch (e) {
      // JSONL whose first line happens to be an array still reads line by line
      const firstLine = body.trimStart().split(/\r?\n/, 1)[0];
      if (parseWhole(firstLine) === undefined)
        throw new DomainError("invalid", `the file starts like a JSON array but is not valid JSON: ${(e as Error).message}`);
    }
  }
  const single = body.trimStart().startsWith("{") ? parseWhole(body) : undefined;
  if (single !== undefined) return { format: "jsonl", records: [single], origins: [{ index: 0, line: 1 }], lineErrors: [] };
  const parsed: ParsedPaperFile = { format: "jsonl", records: [], origins: [], lineErrors: [] };
  let index = 0;
  for (const [i, line] of body.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    try {
      parsed.records.push(JSON.parse(line));
      parsed.origins.push({ index, line: i + 1 });
    } catch (e) {
      parsed.lineErrors.push({ index, line: i + 1, reason: `line ${i + 1} is not JSON: ${(e as Error).message}` });
    }
    index++;
  }
  return parsed;
}

/** A file holding one (maybe pretty-printed) record; undefined when the text is not one JSON value. */
function parseWhole(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type RecordImport = { ok: true; imported: ImportedCase } | { ok: false; index: number; id?: string; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const TEXT_FIELDS = ["task_background", "rubrics", "test_policy", "user_escape_strategy"] as const;
const REQUIRED = ["id", "prompt", ...TEXT_FIELDS, "tool_return_expected"];
const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

/** Validates one filtered record and takes it apart; any problem is a precise, field-addressed reason. */
export function importPaperRecord(raw: unknown, index: number): RecordImport {
  const reject = (reason: string, id?: string): RecordImport => ({ ok: false, index, ...(id ? { id } : {}), reason });
  if (!isObject(raw)) return reject(`record is not a JSON object (got ${describe(raw)})`);
  if ("tasks_and_backgrounds" in raw && !("prompt" in raw))
    return reject("this is a stage-3 line (virtual_tool_use.jsonl: tasks_and_backgrounds), not a filtered record", idOf(raw));
  const missing = REQUIRED.filter((k) => raw[k] === undefined);
  if (missing.length) return reject(`missing field${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`, idOf(raw));
  const id = idOf(raw);
  if (!id) return reject(`id must be a non-empty string (got ${describe(raw.id)})`);
  for (const field of TEXT_FIELDS)
    if (typeof raw[field] !== "string") return reject(`${field} must be a string (got ${describe(raw[field])})`, id);

  const prompt = readPrompt(raw.prompt);
  if (typeof prompt === "string") return reject(prompt, id);
  const policy = lastBlock(prompt.system, "policy");
  if (policy === null) return reject("prompt[0] (system) has no <policy> block", id);
  if (!policy.trim()) return reject("prompt[0] (system) has an empty <policy> block", id);
  const toolsText = lastBlock(prompt.system, "tools");
  if (toolsText === null) return reject("prompt[0] (system) has no <tools> block", id);
  const tools = parseToolsBlock(toolsText);
  if (!tools.ok) return reject(tools.reason, id);
  const paths = readToolPaths(raw.tool_return_expected, tools.tools.map((t) => t.name));
  if (!paths.ok) return reject(paths.reason, id);

  const extra: Record<string, unknown> = Object.fromEntries(Object.entries(raw).filter(([k]) => !REQUIRED.includes(k)));
  if (prompt.rest.length) extra.prompt_rest = prompt.rest;
  if (Object.keys(paths.ignored).length) extra.tool_return_expected_ignored = paths.ignored;
  const warnings = [...paths.warnings];
  if (prompt.rest.length) warnings.push(`prompt has ${prompt.rest.length + 2} messages; messages after [system, user] are kept in extra.prompt_rest`);
  const taskBackground = raw.task_background as string;
  return {
    ok: true,
    imported: {
      id,
      systemPrompt: prompt.system,
      policy: policy.trim(),
      tools: tools.tools,
      task: splitUserMessage(prompt.user),
      task_background: taskBackground,
      background: splitMergedBackground(taskBackground, paths.paths.hack_path.length > 0),
      evaluation: raw.rubrics as string,
      test_policy: raw.test_policy as string,
      user_escape_strategy: raw.user_escape_strategy as string,
      tool_return_expected: paths.paths,
      extra,
      warnings,
    },
  };
}

function idOf(raw: Record<string, unknown>): string | undefined {
  if (typeof raw.id === "number" && Number.isFinite(raw.id)) return String(raw.id);
  return typeof raw.id === "string" && raw.id.trim() ? raw.id : undefined;
}

/** The paper keeps `solution[:2]`: a system message and the user's first message. */
function readPrompt(value: unknown): { system: string; user: string; rest: unknown[] } | string {
  if (!Array.isArray(value)) return `prompt must be an array of messages [system, user] (got ${describe(value)})`;
  if (value.length < 2) return `prompt must hold 2 messages [system, user] (got ${value.length})`;
  const roles = ["system", "user"] as const;
  const texts: string[] = [];
  for (const [i, role] of roles.entries()) {
    const message = value[i];
    if (!isObject(message)) return `prompt[${i}] is not a message object`;
    if (message.role !== role) return `prompt[${i}] has role ${JSON.stringify(message.role)}, expected "${role}"`;
    if (typeof message.content !== "string") return `prompt[${i}] (${role}) content is not a string`;
    texts.push(message.content);
  }
  return { system: texts[0], user: texts[1], rest: value.slice(2) };
}
