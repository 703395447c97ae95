import { z, ZodError } from "zod";
import { EnvAction, EnvState, Observation, ResetData } from "./actions";
import { ok, parseJsonBody, type EnvContext, type EnvRequest, type EnvResponse } from "./http";
import { EnvSession } from "./session";

/**
 * OpenEnv's stateless HTTP endpoints: `/reset`, `/step` and `/state` each build a fresh
 * environment and drop it after the request (as OpenEnv's own server does; episodes need `/ws`).
 * A bad reset or action is a 422 with FastAPI's `detail` list, plus our `error` line.
 */
const StepRequest = z.strictObject({
  action: EnvAction,
  timeout_s: z.number().positive().nullish(),
  request_id: z.string().nullish(),
  /** Ours: the task of the fresh environment (default: the first task). */
  task_id: z.union([z.string().min(1), z.number().int().min(0)]).transform(String).optional(),
});

export const OPENENV_VERSION = "1.0.0";

export async function resetStateless(ctx: EnvContext, req: EnvRequest): Promise<EnvResponse> {
  const data = validated(ResetData, parseJsonBody(req.body) ?? {});
  if (!data.ok) return data.response;
  return ok(await new EnvSession(ctx.source).reset(data.value));
}

export async function stepStateless(ctx: EnvContext, req: EnvRequest): Promise<EnvResponse> {
  const body = validated(StepRequest, parseJsonBody(req.body) ?? {});
  if (!body.ok) return body.response;
  const session = new EnvSession(ctx.source);
  await session.reset({ task_id: body.value.task_id, seed: body.value.task_id === undefined ? 0 : undefined });
  return ok(await session.act(body.value.action));
}

export const stateStateless = (ctx: EnvContext): EnvResponse => ok(new EnvSession(ctx.source).state());

export function metadata(ctx: EnvContext): EnvResponse {
  const tasks = ctx.source.list();
  return ok({
    name: ctx.source.name ?? "flywheel-studio",
    description: ctx.source.description ?? "",
    version: OPENENV_VERSION,
    tasks: tasks.length,
    tools: ctx.source.tools.map((t) => t.function.name),
    actions: ["list_tools", "call_tool", "reply", "message"],
    reset_keys: ["task_id", "seed", "max_turns", "episode_id"],
    reward: "binary verifiable reward on done: DB x FORBIDDEN x OUTCOME",
  });
}

export function schemas() {
  return {
    action: z.toJSONSchema(EnvAction, { io: "input" }),
    observation: z.toJSONSchema(Observation),
    state: z.toJSONSchema(EnvState),
    reset: z.toJSONSchema(ResetData, { io: "input" }),
  };
}

export const schemaResponse = (): EnvResponse => ok(schemas());

function validated<T>(schema: z.ZodType<T>, json: unknown): { ok: true; value: T } | { ok: false; response: EnvResponse } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: { status: 422, body: unprocessable(parsed.error) } };
}

/** FastAPI's 422 body, with our one-line message beside it. */
export function unprocessable(error: ZodError) {
  const detail = error.issues.map((i) => ({ loc: ["body", ...i.path.map(String)], msg: i.message, type: i.code }));
  return { detail, error: detail.map((d) => `${d.loc.slice(1).join(".") || "body"}: ${d.msg}`).join("; ") };
}
