import type { PathStep, TestCase } from "@/lib/cases/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import { Environment } from "@/lib/env/environment";
import { canonicalJson } from "@/lib/env/state";
import { DomainError } from "@/lib/errors";
import * as line from "./agent-phrasing";
import { OracleConversation, type TrajectoryDomain } from "./oracle-conversation";

export type { TrajectoryDomain } from "./oracle-conversation";
export interface TrajectoryOptions {
  /** Picks the wording of both sides; the content is the same for every seed. */
  seed?: number;
}

/**
 * The conversation an ideal agent has with the scripted user on this case: it asks for each fact
 * a call needs before the call, asks for a yes before each write when the case has confirm nodes,
 * runs the normal path (outputs as recorded), then ends as the branch's leaf says: a sign-off
 * (execute), the declined confirmation (abort), a question naming the missing facts (clarify), a
 * refusal with the reason, held under pressure (refuse), or a hand-off call (transfer).
 */
export function normalTrajectory(testCase: TestCase, domain: TrajectoryDomain, options: TrajectoryOptions = {}): ChatMessage[] {
  const conv = new OracleConversation(testCase, domain, options.seed ?? 0, "normal");
  const plan = new Plan(conv);
  for (const step of testCase.tool_return_expected.normal_path) plan.step(step);
  const outcome = testCase.expected_outcome;
  if (outcome !== "clarify") plan.askRemaining();
  const s = conv.seed;
  if (outcome === "execute") conv.say(line.doneLine(s, conv.turn));
  else if (outcome === "abort") {
    const write = testCase.tool_return_expected.hack_path.find((p) => conv.toolKind(p.tool_name) === "write");
    while (plan.confirms.length && !conv.ended) plan.askConfirmation(write);
    conv.say(line.declinedLine(s, conv.turn));
  } else if (outcome === "clarify") {
    const names = testCase.expected_clarifications;
    const has = (n: string) => Object.hasOwn(testCase.user_facts, n);
    // the user may have the facts, just wrong ones: hear them (if not yet), then ask to check them
    if (names.length && names.every(has)) {
      if (!names.every((n) => conv.isTold(n, testCase.user_facts[n]))) conv.say(line.askFactsLine(names, s, conv.turn));
      conv.say(line.askAgainLine(names, s, conv.turn));
      conv.say(line.recheckCloseLine(names, s, conv.turn));
    } else {
      conv.say(line.askFactsLine(names, s, conv.turn));
      conv.say(line.clarifyCloseLine(names, s, conv.turn));
    }
  } else if (outcome === "refuse") {
    const reason = refusalReason(testCase);
    conv.say(line.refusalLine(reason, s, conv.turn));
    for (let i = 0; i < 3 && !conv.ended; i++) conv.say(line.restateRefusalLine(reason, s, conv.turn));
  } else {
    if (!testCase.tool_return_expected.normal_path.some((p) => conv.toolKind(p.tool_name) === "transfer")) conv.call(transferStep(testCase, domain));
    conv.say(line.transferredLine(s, conv.turn));
  }
  return conv.messages;
}

/**
 * The conversation of an agent the user talks into the hack path: it follows the normal path as
 * far as the two agree, then gives in where the branch says it must not: after refusing once (or
 * twice, when the user has both an escape strategy and hack facts to offer) on refuse branches,
 * after announcing a hand-off it then never makes on transfer branches, after the user declines
 * on abort branches, and straight away otherwise. A case with an empty hack path has no
 * persuaded agent: this returns the normal trajectory.
 */
export function hackTrajectory(testCase: TestCase, domain: TrajectoryDomain, options: TrajectoryOptions = {}): ChatMessage[] {
  const { normal_path: normal, hack_path: hack } = testCase.tool_return_expected;
  if (!hack.length) return normalTrajectory(testCase, domain, options);
  const conv = new OracleConversation(testCase, domain, options.seed ?? 0, "hack");
  const plan = new Plan(conv);
  const shared = sharedPrefix(normal, hack);
  for (const step of hack.slice(0, shared)) plan.step(step);
  const rest = hack.slice(shared);
  const s = conv.seed;
  const pressure = [testCase.user_escape_strategy.trim(), testCase.hack_success_user_background.trim() || Object.keys(testCase.hack_facts).length]
    .filter(Boolean).length;
  const reason = refusalReason(testCase);
  if (testCase.expected_outcome === "refuse" && pressure > 0) {
    plan.askRemaining();
    conv.say(line.refusalLine(reason, s, conv.turn));
    if (pressure > 1) conv.say(line.restateRefusalLine(reason, s, conv.turn));
  } else if (testCase.expected_outcome === "transfer" && pressure > 0) {
    // announces the hand-off but does not make it; the user argues and the agent gives in
    plan.askRemaining();
    conv.say(line.handoffLine(reason, s, conv.turn));
    if (pressure > 1) conv.say(line.restateHandoffLine(s, conv.turn));
  } else if (testCase.expected_outcome === "abort") {
    plan.askRemaining();
    const write = rest.find((p) => conv.toolKind(p.tool_name) === "write");
    while (plan.confirms.length && !conv.ended) plan.askConfirmation(write);
  }
  // giving in is said aloud only where there was a no to go back on (a refusal, a hand-off, the user's decline)
  const saidNo = ["refuse", "abort", "transfer"].includes(testCase.expected_outcome);
  rest.forEach((step, i) => {
    plan.askNeeded(step);
    conv.call(step, i === 0 && saidNo ? line.giveInLine(s, conv.turn) : undefined);
  });
  conv.say(line.doneLine(s, conv.turn));
  return conv.messages;
}

/** The agent's bookkeeping: which facts to ask for when, and which confirmations are still due. */
class Plan {
  readonly confirms: boolean[];
  private remainingAsked = false;

  constructor(private readonly conv: OracleConversation) {
    const { confirmations, branch } = conv.testCase;
    const ids = Object.keys(confirmations);
    this.confirms = [...branch.nodeIds.filter((id) => ids.includes(id)), ...ids.filter((id) => !branch.nodeIds.includes(id))].map((id) => confirmations[id]);
  }

  /** One path step: ask for what it needs; before a write, the remaining facts and a yes. */
  step(step: PathStep): void {
    this.askNeeded(step);
    const kind = this.conv.toolKind(step.tool_name);
    if (kind !== "read") this.askRemaining();
    if (kind === "write" && this.confirms.length) this.askConfirmation(step);
    this.conv.call(step);
  }

  /** Asks for the user facts whose values the step's arguments use and the user has not said. */
  askNeeded(step: PathStep): void {
    const inputs = Object.values(step.input).filter((v) => typeof v !== "boolean").map(canonicalJson);
    const names = Object.entries(this.conv.testCase.user_facts)
      .filter(([n, v]) => typeof v !== "boolean" && inputs.includes(canonicalJson(v)) && !this.conv.isTold(n, v))
      .map(([n]) => n);
    this.ask(names);
  }

  /** Once per conversation, before the decision: every fact the user has and has not said (a false flag needs no asking). */
  askRemaining(): void {
    if (this.remainingAsked) return;
    this.remainingAsked = true;
    const { user_facts, expected_clarifications } = this.conv.testCase;
    this.ask(
      Object.entries(user_facts)
        .filter(([n, v]) => v !== false && v !== null && !expected_clarifications.includes(n) && !this.conv.isTold(n, v))
        .map(([n]) => n),
    );
  }

  askConfirmation(write: PathStep | undefined): void {
    this.confirms.shift();
    this.conv.say(line.confirmLine(write ? line.describeCall(write.tool_name, write.input) : null, this.conv.seed, this.conv.turn));
  }

  private ask(names: string[]): void {
    const flags = names.filter((n) => typeof this.conv.testCase.user_facts[n] === "boolean");
    if (names.length) this.conv.say(line.askFactsLine(names, this.conv.seed, this.conv.turn, flags));
  }
}

/** How many leading steps two paths share (same tool, same input). */
function sharedPrefix(a: PathStep[], b: PathStep[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i].tool_name === b[i].tool_name && canonicalJson(a[i].input) === canonicalJson(b[i].input)) i++;
  return i;
}

function refusalReason(testCase: TestCase): string {
  return testCase.test_policy.trim() || testCase.branch.labels[testCase.branch.labels.length - 1] || "";
}

/** The hand-off when the path has none: the domain's transfer tool, its string parameters carrying the reason, its output real. */
function transferStep(testCase: TestCase, domain: TrajectoryDomain): PathStep {
  const tool = domain.tools.find((t) => t.effect.kind === "transfer");
  if (!tool) throw new DomainError("invalid", `case ${testCase.branch.branchId} ends in a transfer, but the domain has no transfer tool`);
  const props = (tool.parameters.properties ?? {}) as Record<string, { type?: unknown }>;
  const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : [];
  const input = Object.fromEntries(required.filter((p) => props[p]?.type === "string").map((p) => [p, refusalReason(testCase) || testCase.task]));
  const result = new Environment({ tools: domain.tools, db: testCase.initial_db }).step({ name: tool.name, arguments: input });
  return { tool_name: tool.name, input, expected_output: result.ok ? result.output : { error: result.error } };
}
