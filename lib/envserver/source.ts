import type { TestCase } from "@/lib/cases/schema";
import { DomainError } from "@/lib/errors";
import type { Split } from "@/lib/export";
import { isProblemTask, type AnyEpisodeTask } from "@/lib/rollout";
import { toolsForOpenAI, type OpenAITool } from "@/lib/sim";

/** One task as `GET /tasks` lists it. */
export interface TaskInfo {
  id: string;
  /** What the hack path proves: "violation", "blocked" or "legal" (no hack path); a problem: "problem:<answer kind>". */
  branch_kind: string;
  /** The branch's leaf kind: execute, abort, clarify, refuse, transfer; a problem: answer. */
  outcome: string;
  split: Split;
}

/**
 * The tasks an environment server serves: one domain's cases (a round's tasks, a snapshot, a
 * domain's verified cases, a round's problems). `get` is called per session, `list` only for `GET /tasks`, so a
 * db-backed source can read one case at a time.
 */
export interface EnvTaskSource<T extends AnyEpisodeTask = AnyEpisodeTask> {
  get(id: string): T | undefined;
  list(): TaskInfo[];
  /** The domain's tools in OpenAI format (every task of a source shares one domain). */
  tools: OpenAITool[];
  /** For `/metadata`: "clinic-appointments v3 (snapshot 7)". */
  name?: string;
  description?: string;
}

/** A case's branch kind: its proven hack status, or (imports carry none) whether it has a hack path. */
export function branchKind(testCase: TestCase): string {
  return testCase.hack_status ?? (testCase.tool_return_expected.hack_path.length ? "violation" : "legal");
}

/** A task's kind for listings, samples and per-kind pass rates: a case's branch kind, or "problem:<answer kind>". */
export function taskKind(task: AnyEpisodeTask): string {
  return isProblemTask(task) ? `problem:${task.problem.answer.kind}` : branchKind(task.testCase);
}

export function taskInfo(task: AnyEpisodeTask, split: Split = "train"): TaskInfo {
  return { id: task.id, branch_kind: taskKind(task), outcome: isProblemTask(task) ? "answer" : task.testCase.expected_outcome, split };
}

/** A source over tasks in memory (a round's train and validation tasks); a task's `split` defaults to train. */
export function tasksSource(tasks: (AnyEpisodeTask & { split?: Split })[], about: { name?: string; description?: string } = {}): EnvTaskSource {
  const byId = new Map<string, AnyEpisodeTask & { split?: Split }>();
  for (const task of tasks) {
    if (byId.has(task.id)) throw new DomainError("invalid", `task id ${task.id} appears twice`);
    if (task.domain.slug !== tasks[0].domain.slug) {
      throw new DomainError("invalid", `task ${task.id} is in domain ${task.domain.slug}, but an environment serves one domain (${tasks[0].domain.slug})`);
    }
    byId.set(task.id, task);
  }
  const domain = tasks[0]?.domain;
  return {
    get: (id) => byId.get(id),
    list: () => [...byId.values()].map((t) => taskInfo(t, t.split)),
    tools: domain ? toolsForOpenAI(domain.tools) : [],
    name: about.name ?? (domain ? `${domain.slug} (${tasks.length} tasks)` : "empty"),
    description: about.description ?? domain?.description ?? "",
  };
}
