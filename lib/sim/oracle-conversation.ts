import type { PathStep, TestCase } from "@/lib/cases/schema";
import type { DomainSpec, UserFact } from "@/lib/domain/schema";
import { assistantText, assistantToolCall, systemMessage, toolCallId, toolMessage, userMessage, type ChatMessage } from "@/lib/chat/schema";
import { beforeCallLine } from "./agent-phrasing";
import { factLabel } from "@/lib/chat/fact-mention";
import { isStatedIn, renderValue } from "./fact-values";
import { createScriptedUser } from "./scripted-user";
import { systemPrompt } from "./system-prompt";
import type { UserSimulator } from "./user-simulator";

/** What a trajectory needs of a domain; `userFacts` lets the user say it lacks a fact the case leaves out. */
export type TrajectoryDomain = Pick<DomainSpec, "tools" | "policy"> & { userFacts?: UserFact[] };
export type ToolKind = "read" | "write" | "transfer";

/**
 * A conversation between an oracle agent (the trajectory code) and the scripted user. The agent
 * speaks through `say` and `call`; every user turn is the simulator's real reply, so a trajectory
 * is exactly what the scripted user would produce against an agent that behaves this way.
 * Once the user stops, further agent moves are ignored.
 */
export class OracleConversation {
  readonly messages: ChatMessage[];
  ended = false;
  private readonly user: UserSimulator;
  private readonly told = new Set<string>();
  private callCount = 0;
  private readonly scope: string;

  constructor(
    readonly testCase: TestCase,
    private readonly domain: TrajectoryDomain,
    readonly seed: number,
    kind: "normal" | "hack",
  ) {
    this.messages = [systemMessage(systemPrompt(domain))];
    this.user = createScriptedUser(testCase, { seed, tools: domain.tools, factNames: domain.userFacts?.map((f) => f.name) });
    this.scope = `${testCase.branch.branchId}:${kind}:${seed}`;
    this.listen();
  }

  /** The number of agent moves so far: a salt that varies the wording turn by turn. */
  get turn(): number {
    return this.messages.length;
  }

  toolKind(name: string): ToolKind {
    const kind = this.domain.tools.find((t) => t.name === name)?.effect.kind;
    return kind === "write" ? "write" : kind === "transfer" ? "transfer" : "read";
  }

  /** Whether the user has said this value of the fact (a told "damaged" is not a told "no longer needed"). */
  isTold(name: string, value: unknown): boolean {
    return this.told.has(factKey(name, value));
  }

  /** An assistant text turn, then the user's reply. */
  say(text: string): void {
    if (this.ended) return;
    this.messages.push(assistantText(text));
    this.listen();
  }

  /** An assistant tool call with the step's recorded output as the tool message. */
  call(step: PathStep, reasoning?: string): void {
    if (this.ended) return;
    const id = toolCallId(this.scope, this.callCount++);
    const text = reasoning ?? beforeCallLine(this.toolKind(step.tool_name), this.seed, this.turn);
    this.messages.push(assistantToolCall(id, step.tool_name, step.input, text), toolMessage(id, step.expected_output));
  }

  private listen(): void {
    const reply = this.user.reply(this.messages);
    this.messages.push(userMessage(reply.message));
    if (reply.stop) this.ended = true;
    for (const [name, value] of [...Object.entries(this.testCase.user_facts), ...Object.entries(this.testCase.hack_facts)]) {
      // a boolean is told as "Reports fraud: yes."; other values by appearing in the reply
      const said =
        typeof value === "boolean" ? reply.message.toLowerCase().includes(`${factLabel(name)}: ${renderValue(value)}`) : isStatedIn(reply.message, value);
      if (said) this.told.add(factKey(name, value));
    }
  }
}

const factKey = (name: string, value: unknown) => `${name}=${JSON.stringify(value)}`;

