import type { DoubleHandler, DoubleReply, DoubleRequest } from "../openai-double";

/**
 * The studio scenario of the OpenAI double (`--scenario studio`): a request asking for a JSON
 * schema gets the scenario named after that schema; one module per schema, each exporting
 * `reply(request) → DoubleReply`. Add one line per schema below.
 */
const BY_SCHEMA: Record<string, () => Promise<{ reply: (request: DoubleRequest) => DoubleReply }>> = {
  case_rewrite: () => import("./case-rewrite"),
  tree_proposal: () => import("./tree-proposal"),
  problem_solve: () => import("./problem-solve"),
  problem_harden: () => import("./problem-harden"),
  problem_rewrite: () => import("./problem-rewrite"),
};

/** The json_schema name a request asks for, if any. */
export const schemaNameOf = (request: DoubleRequest): string | undefined => request.body?.response_format?.json_schema?.name;

/** Answers schema requests from their scenario; anything else (free text, e.g. the simulated user) with `fallback`. */
export function studioHandler(fallback: DoubleHandler): DoubleHandler {
  return async (request) => {
    const name = schemaNameOf(request);
    const load = name ? BY_SCHEMA[name] : undefined;
    if (name && !load) return { type: "error", status: 400, message: `test double: no studio scenario for schema "${name}"`, errorType: "invalid_request_error" };
    return load ? (await load()).reply(request) : fallback(request);
  };
}

export const STUDIO_SCHEMAS = Object.keys(BY_SCHEMA);
