import type { DomainSpec, ToolSpec } from "@/lib/domain/schema";
import type { NestedNode } from "./nested";
import { overlap, words } from "./words";

/**
 * The branches at the top of an expanded tree that are about what the user wants: when the
 * domain has a fact naming the request ("request": "cancel", "reschedule" …), a request other
 * than the workflow's goes to a human, and a user who has not said yet is asked.
 */
export type RequestBranches = { branches: NestedNode[]; asked: string[]; notes: string[] };

const REQUEST_FACT = /^(request|intent|request_type|goal|topic)$|_request$|_intent$/;

/** The quoted examples in a fact's description: 'What the patient wants: "cancel", "reschedule"'. */
const quotedValues = (text: string) => [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]);

export function requestBranches(domain: DomainSpec, tools: ToolSpec[]): RequestBranches {
  const fact = domain.userFacts.find((f) => f.type === "string" && REQUEST_FACT.test(f.name));
  if (!fact) {
    return { branches: [], asked: [], notes: ["No user fact says what the user asks for (e.g. \"request\"), so the tree has no hand-over for other requests."] };
  }
  const writes = tools.filter((t) => t.effect.kind === "write");
  const goalWords = (writes.length ? writes : tools).flatMap((t) => words(t.name));
  const quoted = quotedValues(fact.description);
  let served = quoted.filter((v) => overlap(words(v), goalWords) > 0);
  // Without examples, the write tools' verbs name the request ("cancel_order" → "cancel").
  if (!quoted.length) served = [...new Set(writes.map((t) => t.name.split("_")[0]))];
  if (!served.length) {
    return { branches: [], asked: [], notes: [`None of the request values (${quoted.join(", ") || "none listed"}) fits this workflow's tools, so the tree has no hand-over for other requests.`] };
  }
  const list = served.map((v) => JSON.stringify(v));
  const guard = served.length === 1 ? `has(user.${fact.name}) && user.${fact.name} != ${list[0]}` : `has(user.${fact.name}) && !(user.${fact.name} in [${list.join(", ")}])`;
  return {
    branches: [
      {
        id: "transfer-other-request", kind: "transfer", label: "The request is something else", guard,
        reason: `This workflow handles ${served.join(" / ")} requests only; hand over to a human with a summary.`,
      },
      { id: `ask-${fact.name}`, kind: "clarify", label: "Ask what the user wants to do", guard: `!has(user.${fact.name})`, missing: [fact.name] },
    ],
    asked: [fact.name],
    notes: [`Requests other than ${served.join(" / ")} (user.${fact.name}) are handed to a human.`],
  };
}
