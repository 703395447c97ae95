import type { TestCase } from "@/lib/cases/schema";
import type { ToolSpec } from "@/lib/domain/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import { mentionedFacts } from "@/lib/chat/fact-mention";
import { DomainError } from "@/lib/errors";
import { agentTurns, classifyTurn, transferToolTest, type AgentTurn } from "./agent-turn";
import * as say from "./user-phrasing";
import type { UserReply, UserSimulator } from "./user-simulator";

export type ScriptedUserCase = Pick<
  TestCase,
  "task" | "user_facts" | "hack_facts" | "hack_success_user_background" | "user_escape_strategy" | "confirmations" | "expected_clarifications" | "branch"
>;

export interface ScriptedUserOptions {
  /** Picks the wording; the content is the same for every seed. */
  seed?: number;
  /** The domain's tools, to tell a transfer tool by its effect (otherwise by name). */
  tools?: ToolSpec[];
  /** Every fact name of the domain, so the user can say it lacks one the case leaves out. */
  factNames?: string[];
}

type Stage = "push" | "offer";

/**
 * A deterministic user for a test case. It re-reads the whole conversation on every call (no
 * hidden state), so any prefix of a conversation gets the same answer. Rules, in the paper's
 * spirit but checkable: open with the task only (the facts it states count as said); answer the
 * facts a question names, and say so when it lacks one (ending a clarify case); answer yes or no
 * per confirm node, in path order; after the first refusal (or a hand-off only announced) push
 * with the escape strategy, after the next offer the hack facts (never earlier), then give up;
 * stop after a transfer call or a sign-off. The escape strategy is quoted, not acted out: acting
 * is the LLM simulator's job.
 */
export function createScriptedUser(testCase: ScriptedUserCase, options: ScriptedUserOptions = {}): UserSimulator {
  const seed = options.seed ?? 0;
  const isTransferTool = transferToolTest(options.tools);
  const hackFacts = Object.entries(testCase.hack_facts);
  const stages: Stage[] = [];
  if (testCase.user_escape_strategy.trim()) stages.push("push");
  if (hackFacts.length || testCase.hack_success_user_background.trim()) stages.push("offer");
  // the offer says the hack facts; only a case without them (an import) has its story read out
  const offerStory = hackFacts.length ? "" : testCase.hack_success_user_background;
  const answers = confirmationOrder(testCase);
  const knownNames = [
    ...Object.keys(testCase.user_facts),
    ...Object.keys(testCase.hack_facts),
    ...testCase.expected_clarifications,
    ...(options.factNames ?? []),
  ];

  const stopWith = (message: string): UserReply => ({ message, stop: true });
  const say_ = (message: string): UserReply => ({ message, stop: false });

  function answerQuestion(turn: AgentTurn, hackOffered: boolean, unanswered: number, salt: number): UserReply {
    const asked = mentionedFacts(turn.text, knownNames);
    if (!asked.length) return unanswered >= 2 ? stopWith(say.giveUpLine(seed, salt)) : say_(say.nudgeLine(testCase.task, seed, salt));
    const valueOf = (name: string) =>
      hackOffered && Object.hasOwn(testCase.hack_facts, name)
        ? testCase.hack_facts[name]
        : Object.hasOwn(testCase.user_facts, name)
          ? testCase.user_facts[name]
          : undefined;
    const known = asked.filter((n) => valueOf(n) !== undefined);
    const unknown = asked.filter((n) => valueOf(n) === undefined);
    if (!known.length) {
      const lines = unknown.map((n) => say.missingFact(n, seed, salt)).join(" ");
      // a clarify case ends here: the user cannot supply what the agent rightly asked for
      return unknown.some((n) => testCase.expected_clarifications.includes(n)) ? stopWith(say.withStopMarker(lines)) : say_(lines);
    }
    const lines = [
      ...known.map((n) => say.factAnswer(n, valueOf(n), seed, salt)),
      ...unknown.filter((n) => testCase.expected_clarifications.includes(n)).map((n) => say.missingFact(n, seed, salt)),
    ];
    return say_(lines.join(" "));
  }

  return {
    reply(conversation: ChatMessage[]): UserReply {
      const userTurns = conversation.filter((m) => m.role === "user").length;
      if (!userTurns) return say_(say.openingLine(testCase.task, seed));
      const last = conversation[conversation.length - 1];
      if (last.role === "user") throw new DomainError("invalid", "the user simulator answers an agent turn, but the conversation ends with a user message");
      const turns = agentTurns(conversation);
      const kinds = turns.map((t) => classifyTurn(t, isTransferTool));
      const turn = turns[turns.length - 1];
      const kind = kinds[kinds.length - 1];
      const before = kinds.slice(0, -1);
      const salt = userTurns;

      if (kind === "transfer") return stopWith(say.transferLine(seed, salt));
      if (kind === "confirm") {
        const index = before.filter((k) => k === "confirm").length;
        const confirmed = answers.length ? (answers[Math.min(index, answers.length - 1)] ?? true) : true;
        return say_(say.confirmLine(confirmed, seed, salt));
      }
      if (kind === "refuse" || kind === "handoff") {
        const stage = stages[before.filter(isPushback).length];
        if (stage === "push") return say_(say.pushLine(testCase.user_escape_strategy, seed, salt));
        if (stage === "offer") return say_(say.offerLine(offerStory, hackFacts, seed, salt));
        return stopWith(say.acceptRefusalLine(seed, salt));
      }
      if (kind === "ask") {
        const refusals = before.filter(isPushback).length;
        const hackOffered = stages.includes("offer") && refusals > stages.indexOf("offer");
        return answerQuestion(turn, hackOffered, unansweredStreak(turns.slice(0, -1), before, knownNames), salt);
      }
      return stopWith(say.thanksLine(seed, salt));
    },
  };
}

/** Turns the user argues with: a refusal, or a hand-off announced but not made. */
const isPushback = (k: string) => k === "refuse" || k === "handoff";

/** The answers at confirm nodes in path order (ids not on the path keep their listed order, last). */
function confirmationOrder(testCase: ScriptedUserCase): boolean[] {
  const ids = Object.keys(testCase.confirmations);
  const onPath = testCase.branch.nodeIds.filter((id) => ids.includes(id));
  const rest = ids.filter((id) => !onPath.includes(id));
  return [...onPath, ...rest].map((id) => testCase.confirmations[id]);
}

/** How many of the agent's latest questions named no fact the user knows of (to give up on a loop). */
function unansweredStreak(turns: AgentTurn[], kinds: string[], names: string[]): number {
  let n = 0;
  for (let i = turns.length - 1; i >= 0 && kinds[i] === "ask" && !mentionedFacts(turns[i].text, names).length; i--) n++;
  return n;
}
