import { z } from "zod";
import { AssistantMessage } from "@/lib/chat/schema";
import { ok, readBody, type EnvContext, type EnvRequest, type EnvResponse } from "./http";
import { EnvSession } from "./session";

/**
 * The studio's own session API (the environment server contract): one session per episode,
 * created on a task, driven by whole assistant messages or by single tool calls and replies.
 */
const CreateSession = z.strictObject({
  task_id: z.union([z.string().min(1), z.number().int().min(0)]).transform(String),
  seed: z.number().int().min(0).optional(),
  max_turns: z.number().int().min(1).max(200).optional(),
});
const StepBody = z.strictObject({ message: AssistantMessage });
const ToolBody = z.strictObject({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()).default({}), content: z.string().nullish() });
const ReplyBody = z.strictObject({ content: z.string().min(1, "content must not be empty") });

type Handler = (ctx: EnvContext, req: EnvRequest, sid: string) => Promise<EnvResponse> | EnvResponse;

export const REST_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/tasks": { GET: (ctx) => ok({ tasks: ctx.source.list() }) },
  "/tools": { GET: (ctx) => ok({ tools: ctx.source.tools }) },
  "/sessions": { POST: createSession },
  "/sessions/:sid": { GET: (ctx, _req, sid) => ok(ctx.store.get(sid).state()), DELETE: closeSession },
  "/sessions/:sid/step": {
    POST: (ctx, req, sid) => inSession(ctx, sid, async (s) => {
      const step = await s.turn(readBody(req, StepBody).message);
      return { appended: step.appended, done: step.done, end_reason: step.endReason, reward: step.reward };
    }),
  },
  "/sessions/:sid/tool": {
    POST: (ctx, req, sid) => inSession(ctx, sid, async (s) => {
      const body = readBody(req, ToolBody);
      const { toolCallId, output, error, step } = await s.tool(body.name, body.arguments, body.content);
      return { tool_call_id: toolCallId, output, error: error?.message ?? null, error_type: error?.error_type ?? null, done: step.done, end_reason: step.endReason, reward: step.reward };
    }),
  },
  "/sessions/:sid/reply": {
    POST: (ctx, req, sid) => inSession(ctx, sid, async (s) => {
      const step = await s.turn({ role: "assistant", content: readBody(req, ReplyBody).content });
      return { user: step.appended[0]?.content ?? "", done: step.done, end_reason: step.endReason, reward: step.reward };
    }),
  },
  "/sessions/:sid/score": {
    GET: (ctx, _req, sid) => inSession(ctx, sid, async (s) => {
      const { reward, components, done, messages } = s.score();
      return { reward, components, done, messages };
    }),
  },
};

async function createSession(ctx: EnvContext, req: EnvRequest): Promise<EnvResponse> {
  const body = readBody(req, CreateSession);
  const session = new EnvSession(ctx.source);
  ctx.store.add(session);
  try {
    const { observation } = await session.reset({ task_id: body.task_id, seed: body.seed, max_turns: body.max_turns });
    return ok({ session_id: session.id, task_id: observation.task_id, messages: observation.messages, tools: observation.tools });
  } catch (e) {
    ctx.store.close(session.id);
    throw e;
  }
}

function closeSession(ctx: EnvContext, _req: EnvRequest, sid: string): EnvResponse {
  ctx.store.get(sid);
  ctx.store.close(sid);
  return ok({ closed: true });
}

/** Runs `fn` on the session, one call at a time, and keeps the session alive while it runs. */
async function inSession(ctx: EnvContext, sid: string, fn: (s: EnvSession) => Promise<unknown>): Promise<EnvResponse> {
  const session = ctx.store.get(sid);
  try {
    return ok(await session.exclusive(() => fn(session)));
  } finally {
    ctx.store.touch(sid);
  }
}
