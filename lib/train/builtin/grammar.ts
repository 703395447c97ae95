import { DomainError } from "@/lib/errors";
import { INTENTS, NAMING_INTENTS, REASON_INTENTS, type Intent } from "./lines";
import { slotToken, type Slots } from "./slots";
import { key } from "./observe";
import { ANSWER_MARK, factToken, intentToken, literalToken, reasonToken, toolToken, type ParamSig, type ToolSig, type Vocab } from "./vocab";

/**
 * The action language, as a grammar the sampler follows token by token (constrained decoding):
 *   CALL tool:<name> (key:<param> <value>)… END        — one tool call, parameters in schema order
 *   SAY say:<intent> [fact:<name>…|reason:<k>|NONE|tool:<write> (key:<param> <value>)…] END
 *   ANSWER (<vK>…|NONE) END                              — a problem's final answer: values of the
 *                                                          conversation, in order, or NONE ("unknown")
 * A value is a slot <vK> of the conversation (by type), TRUE/FALSE, an enum literal, <text> (free
 * text: the user's request), a list of values closed by /list, or NONE for an optional parameter.
 * `nextAllowed` lists the tokens that may follow a prefix; a forced token (one choice) costs the
 * policy nothing and carries no gradient.
 */
export interface GrammarContext {
  vocab: Vocab;
  slots: Slots;
}

class Need {
  constructor(readonly allowed: number[]) {}
}

type Take = (allowed: number[]) => number;

/** The ids that may follow `prefix`; empty when the action is complete. */
export function nextAllowed(ctx: GrammarContext, prefix: readonly number[]): number[] {
  let i = 0;
  const take: Take = (allowed) => {
    if (i >= prefix.length) throw new Need(allowed);
    const t = prefix[i++];
    if (!allowed.includes(t)) {
      const names = allowed.slice(0, 8).map((a) => ctx.vocab.tokens[a]).join(", ");
      throw new DomainError("invalid", `action token ${ctx.vocab.tokens[t] ?? t} is not allowed at position ${i - 1} (expected one of ${names}${allowed.length > 8 ? ", …" : ""})`);
    }
    return t;
  };
  try {
    action(ctx, take);
  } catch (e) {
    if (e instanceof Need) return e.allowed;
    throw e;
  }
  if (i < prefix.length) throw new DomainError("invalid", "action tokens go on after END");
  return [];
}

function action(ctx: GrammarContext, take: Take): void {
  const v = ctx.vocab;
  const id = (t: string) => v.must(t);
  const END = id("END");
  const first = take([id("CALL"), id("SAY"), ...(v.answers ? [id(ANSWER_MARK)] : [])]);
  if (v.answers && first === id(ANSWER_MARK)) {
    answer(ctx, take);
    return;
  }
  if (first === id("CALL")) {
    const toolIds = v.spec.tools.map((t) => id(toolToken(t.name)));
    const tool = v.spec.tools[toolIds.indexOf(take(toolIds))];
    args(ctx, tool, take);
    take([END]);
    return;
  }
  const intents = INTENTS.map((n) => id(intentToken(n)));
  const intent: Intent = INTENTS[intents.indexOf(take(intents))];
  if (NAMING_INTENTS.includes(intent)) {
    const facts = v.spec.facts.map((f) => id(factToken(f.name)));
    for (let last = -1, count = 0; ; count++) {
      const next = [...facts.slice(last + 1), ...(count || last + 1 >= facts.length ? [END] : [])];
      const t = take(next);
      if (t === END) return;
      last = facts.indexOf(t);
    }
  }
  if (intent === "confirm") {
    const writes = v.spec.tools.filter((t) => t.kind === "write");
    const t = take([...writes.map((w) => id(toolToken(w.name))), id("NONE")]);
    const tool = writes.find((w) => id(toolToken(w.name)) === t);
    if (tool) args(ctx, tool, take);
  } else if (REASON_INTENTS.includes(intent)) {
    take([...v.spec.reasons.map((_, k) => id(reasonToken(k))), id("NONE")]);
  }
  take([END]);
}

/** A final answer: one or more distinct slots (a set or list in the order given), or NONE. */
function answer(ctx: GrammarContext, take: Take): void {
  const END = ctx.vocab.must("END");
  const NONE = ctx.vocab.must("NONE");
  const slots = slotIds(ctx, "string");
  const first = take([...slots, NONE]);
  if (first === NONE) {
    take([END]);
    return;
  }
  const chosen = new Set([first]);
  for (;;) {
    const t = take([...slots.filter((s) => !chosen.has(s)), END]);
    if (t === END) return;
    chosen.add(t);
  }
}

function args(ctx: GrammarContext, tool: ToolSig, take: Take): void {
  for (const p of tool.params) {
    take([ctx.vocab.must(key(p.name))]);
    value(ctx, p, take);
  }
}

/** The slots a parameter of this type may take. */
function slotIds(ctx: GrammarContext, type: "string" | "number"): number[] {
  return ctx.slots.values.flatMap((s, k) => (type === "string" || s.numeric || Number.isFinite(Number(s.text)) ? [ctx.vocab.must(slotToken(k))] : []));
}

/** The tokens a parameter's value may start with (lists: their first item). */
export function valueChoices(ctx: GrammarContext, p: ParamSig): number[] {
  const id = (t: string) => ctx.vocab.must(t);
  let choices: number[];
  if (p.enum) choices = p.enum.map((e) => id(literalToken(e)));
  else if (p.type === "boolean") choices = [id("TRUE"), id("FALSE")];
  else if (p.type === "number") choices = slotIds(ctx, "number");
  else if (p.type === "string") choices = [...slotIds(ctx, "string"), id("<text>")];
  else if (p.type === "array") choices = slotIds(ctx, p.items ?? "string");
  else choices = [id("<text>")];
  if (!p.required || !choices.length) choices.push(id("NONE"));
  return choices;
}

function value(ctx: GrammarContext, p: ParamSig, take: Take): void {
  const first = take(valueChoices(ctx, p));
  if (p.type !== "array" || first === ctx.vocab.must("NONE")) return;
  const items = slotIds(ctx, p.items ?? "string");
  const chosen = [first];
  const close = ctx.vocab.must("/list");
  for (;;) {
    const t = take([...items.filter((i) => !chosen.includes(i)), close]);
    if (t === close) return;
    chosen.push(t);
  }
}
