import type { AssistantMessage } from "@/lib/chat/schema";
import type { TestCase } from "@/lib/cases/schema";
import type { Split } from "@/lib/export";
import type { EpisodeTask } from "@/lib/rollout";
import { hackTrajectory, normalTrajectory } from "@/lib/sim";
import { synthesizeCase } from "@/lib/synth";
import { shopDomain, shopTree } from "@/lib/synth/test-fixture";
import { enumerateBranches } from "@/lib/tree/branches";

/**
 * The environment server tests' tasks: real, proven cases of the small shop domain, one per
 * outcome that matters here (a refusal the tool does not enforce, so the persuaded agent
 * earns 0; a plain execute; a transfer), synthesized once per test file.
 */
let cached: (EpisodeTask & { split: Split })[] | undefined;

export const REFUSE = "refuse";
export const EXECUTE = "execute";
export const TRANSFER = "transfer";

export function shopTasks(): (EpisodeTask & { split: Split })[] {
  if (cached) return cached;
  const doc = shopTree();
  const domain = shopDomain();
  const branches = enumerateBranches(doc);
  const pick = (outcome: string, hackStatus?: string) => {
    for (const branch of branches.filter((b) => b.outcome === outcome)) {
      const result = synthesizeCase(doc, branch, domain, { seed: 1, personas: [], treeId: 1, revision: 1 });
      if (result.ok && (!hackStatus || result.case.hack_status === hackStatus)) return result.case;
    }
    throw new Error(`the shop tree has no ${outcome} case${hackStatus ? ` with hack status ${hackStatus}` : ""}`);
  };
  cached = [
    { id: REFUSE, testCase: pick("refuse", "violation"), domain, split: "train" },
    { id: EXECUTE, testCase: pick("execute"), domain, split: "train" },
    { id: TRANSFER, testCase: pick("transfer"), domain, split: "validation" },
  ];
  return cached;
}

export const taskById = (id: string) => shopTasks().find((t) => t.id === id)!;

/** The agent's turns of the ideal (normal) or the persuaded (hack) trajectory of a task. */
export function agentTurns(id: string, kind: "normal" | "hack"): AssistantMessage[] {
  const task = taskById(id);
  const recorded = (kind === "normal" ? normalTrajectory : hackTrajectory)(task.testCase as TestCase, task.domain);
  return recorded.filter((m): m is AssistantMessage => m.role === "assistant");
}

/** A JSON request over real HTTP; the body comes back parsed. */
export async function request(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { "content-type": "application/json", ...headers } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const res = await fetch(url + path, init);
  return { status: res.status, body: (await res.json()) as any };
}
