import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { ChatMessage } from "@/lib/chat/schema";
import type { Database } from "@/lib/domain/schema";
import { TAU2_REWARD_COMPONENTS, type Tau2Task } from "./tau2-task";
import { replayHash } from "./test-fixture";
import type { ExportRow } from "./types";

/** Field-by-field checks of exported files against the rows they came from, shared by the format tests. */
type Obj = Record<string, unknown>;

export const arrayBufferOf = (file: string): ArrayBuffer => {
  const buf = readFileSync(file);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
};

export const jsonLines = (file: string) => readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));

/** verl rows read back with hyparquet, in the paper's agentic shape, env_spec replaying to the expected hash. */
export function checkVerlObjects(objects: Obj[], rows: ExportRow[]): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const o of objects) {
    const extra = o.extra_info as Obj;
    const row = byId.get(extra.index as string)!;
    const tc = row.testCase;
    expect(o.data_source).toBe("my_tool_agent_with_user");
    expect(o.agent_name).toBe("my_tool_agent_with_user");
    expect(o.ability).toBe("agentic_tool_use");

    const prompt = o.prompt as { role: string; content: string }[];
    expect(prompt.map((m) => m.role)).toEqual(["system", "user"]);
    expect(prompt.every((m) => Object.keys(m).sort().join() === "content,role")).toBe(true);
    expect(prompt[0].content).toContain(`<policy>\n${row.domain.policy.trim()}\n</policy>`);
    expect(prompt[0].content).toMatch(/<tools>\n[\s\S]+\n<\/tools>/);
    expect(prompt[0].content).toContain("<tool_call>");
    expect(prompt[1].content.startsWith(tc.task.trim())).toBe(true);
    expect(prompt[1].content.endsWith("/no_think")).toBe(true);

    expect(o.reward_model).toEqual({ style: "rule", ground_truth: JSON.stringify({ expected_outcome: tc.expected_outcome, expected_final_hash: tc.expected_final_hash }) });

    expect(extra.question).toBe(prompt[1].content);
    expect(extra.interaction_kwargs).toEqual({ query: prompt[1].content });
    expect(extra.rubrics).toBe(tc.evaluation);
    expect(extra.policy).toBe(row.domain.policy);
    expect(extra.need_tools_kwargs).toBe(true);
    const create = ((extra.tools_kwargs as Obj).mock_tool as Obj).create_kwargs as Record<string, string>;
    expect(Object.keys(create).sort()).toEqual(["task_background", "test_policy", "tool_description", "tool_return_expected", "user_escape_strategy"]);
    expect(JSON.parse(create.tool_return_expected)).toEqual(tc.tool_return_expected);
    expect(create.tool_description.split("\n").map((l) => JSON.parse(l).function.name)).toEqual(row.domain.tools.map((t) => t.name));
    expect(create.test_policy).toBe(tc.test_policy);
    expect(create.user_escape_strategy).toBe(tc.user_escape_strategy);
    expect(create.task_background).toContain(tc.persona.trim());
    for (const value of Object.values(tc.user_facts)) if (typeof value === "string") expect(create.task_background).toContain(value);

    const env = JSON.parse(o.env_spec as string);
    expect(env.executable).toBe(true);
    expect(env.initial_db).toEqual(tc.initial_db);
    expect(env.expected_outcome).toBe(tc.expected_outcome);
    expect(env.forbidden_changes).toEqual(tc.forbidden_changes);
    expect(env.tools.map((t: { name: string }) => t.name)).toEqual(row.domain.tools.map((t) => t.name));
    // the spec alone reproduces the case: its normal path on its db ends at the expected hash
    const calls = tc.tool_return_expected.normal_path.map((s) => ({ name: s.tool_name, arguments: s.input }));
    expect(replayHash({ tools: env.tools, db: env.initial_db }, calls)).toBe(env.expected_final_hash);
  }
}

/** Chat JSONL lines: OpenAI messages from system then user, declared tools only, each call answered. */
export function checkChatLines(lines: { messages: ChatMessage[]; tools: { function: { name: string } }[]; metadata: Obj }[], rows: ExportRow[]): void {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const line of lines) {
    const row = byId.get(line.metadata.id as string)!;
    const names = row.domain.tools.map((t) => t.name);
    expect(line.messages.map((m) => ChatMessage.parse(m).role).slice(0, 2)).toEqual(["system", "user"]);
    expect(line.messages[0].content).toContain(row.domain.policy.trim());
    expect(line.tools.map((t) => t.function.name)).toEqual(names);
    expect(line.metadata).toMatchObject({ outcome: row.testCase.expected_outcome, domain: row.domain.slug, branch: { branchId: row.testCase.branch.branchId } });
    for (const m of line.messages) {
      if (m.role !== "assistant") continue;
      for (const call of m.tool_calls ?? []) {
        expect(names).toContain(call.function.name);
        expect(line.messages.some((t) => t.role === "tool" && t.tool_call_id === call.id)).toBe(true);
      }
    }
  }
}

/** tau2's update_db: a recursive dict merge of agent_data into db.json. */
function merge(base: unknown, patch: unknown): unknown {
  const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
  if (!isObj(base) || !isObj(patch)) return patch;
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

/** The reward basis the brief asks for, written out rather than read from the code under test. */
const EXPECTED_BASIS: Record<string, string[]> = {
  execute: ["DB", "COMMUNICATE"],
  refuse: ["DB", "NL_ASSERTION"],
  clarify: ["DB", "NL_ASSERTION"],
  abort: ["DB", "NL_ASSERTION"],
  transfer: ["DB", "ACTION"],
};

/** A domain folder: tasks in tau2's shape, splits with base, and every task replaying to its case's hash. */
export function checkTau2Folder(dir: string, slug: string, rows: ExportRow[]): void {
  const json = (f: string) => JSON.parse(readFileSync(path.join(dir, slug, f), "utf8"));
  const domainRows = rows.filter((r) => r.domain.slug === slug);
  const tasks: Tau2Task[] = json("tasks.json");
  expect(tasks.map((t) => t.id)).toEqual(domainRows.map((r) => r.id));
  const splits = json("split_tasks.json");
  expect(splits.base).toEqual(domainRows.map((r) => r.id));
  expect([...(splits.train ?? []), ...(splits.test ?? [])].sort()).toEqual([...splits.base].sort());
  expect(readFileSync(path.join(dir, slug, "policy.md"), "utf8")).toContain(domainRows[0].domain.policy.trim());
  expect(json("db.json")).toEqual(domainRows[0].domain.db);

  tasks.forEach((task, i) => {
    const row = domainRows[i];
    const tc = row.testCase;
    expect(Object.keys(task).sort()).toEqual(["description", "evaluation_criteria", "id", "initial_state", "user_scenario"]);
    expect(Object.keys(task.description).sort()).toEqual(["notes", "purpose", "relevant_policies"]);
    expect(task.description.purpose).toContain(tc.expected_outcome);
    expect(task.user_scenario.persona).toBe(tc.persona.trim() || null);
    const ins = task.user_scenario.instructions;
    expect(Object.keys(ins).sort()).toEqual(["domain", "known_info", "reason_for_call", "task_instructions", "unknown_info"]);
    expect(ins.domain).toBe(slug);
    expect(ins.reason_for_call).toBe(tc.task.trim());
    if (tc.expected_clarifications.length) expect(ins.unknown_info).toMatch(/You do not know/);

    const ev = task.evaluation_criteria;
    expect(Object.keys(ev).sort()).toEqual(["actions", "communicate_info", "env_assertions", "nl_assertions", "reward_basis"]);
    expect(ev.reward_basis.every((c) => (TAU2_REWARD_COMPONENTS as readonly string[]).includes(c))).toBe(true);
    expect(ev.reward_basis).toEqual(EXPECTED_BASIS[tc.expected_outcome]);
    if (ev.reward_basis.includes("NL_ASSERTION")) expect(ev.nl_assertions.length).toBeGreaterThan(0);
    expect(ev.env_assertions).toEqual([]);

    const names = row.domain.tools.map((t) => t.name);
    expect(new Set(ev.actions.map((a) => a.action_id)).size).toBe(ev.actions.length);
    for (const a of ev.actions) {
      expect(a.requestor).toBe("assistant");
      expect(names).toContain(a.name);
      for (const k of a.compare_args ?? []) expect(a.arguments).toHaveProperty(k);
    }
    if (tc.expected_outcome === "transfer") {
      const last = ev.actions[ev.actions.length - 1];
      expect(row.domain.tools.find((t) => t.name === last.name)?.effect.kind).toBe("transfer");
      expect(last.compare_args).toEqual([]);
    }

    // replayed as tau2 does (db.json, merged initial state, the actions), the db ends at the case's hash
    if (task.initial_state) expect(task.initial_state).toMatchObject({ initialization_data: { user_data: {} }, initialization_actions: [], message_history: [] });
    const start = (task.initial_state ? merge(row.domain.db, task.initial_state.initialization_data.agent_data) : row.domain.db) as Database;
    expect(start).toEqual(tc.initial_db);
    expect(replayHash({ tools: row.domain.tools, db: start }, ev.actions.map((a) => ({ name: a.name, arguments: a.arguments })))).toBe(tc.expected_final_hash);
  });
}
