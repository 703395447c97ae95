import { studioDb } from "@/db";
import { DomainError } from "@/lib/errors";
import { TOKEN_FORMATS, type TokenFormat } from "@/lib/export/row-tokens";
import { snapshotTokensState } from "@/lib/export/tokens-job";
import { intParam, json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/**
 * Qwen3 token lengths of a snapshot's rows in one format (`format=verl|chat`), against `budget`
 * (default: the export's budget for the format). 200 with the report once counted; 202 with the
 * job while counting (the first request starts it; counts are kept, so later ones are instant).
 * `retry=1` starts a new count after a failed one. Any signed-in user.
 */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const id = intParam((await params).id, "snapshot id");
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "";
  if (!TOKEN_FORMATS.includes(format as TokenFormat)) throw new DomainError("invalid", `format must be one of ${TOKEN_FORMATS.join(", ")}, got "${format}".`);
  const budgetParam = url.searchParams.get("budget");
  const budget = budgetParam === null || budgetParam === "" ? undefined : intParam(budgetParam, "budget");
  const state = await snapshotTokensState({ db: studioDb(), id, format: format as TokenFormat, budget, retry: url.searchParams.get("retry") === "1" });
  return json(state, state.status === "computing" ? 202 : 200);
});
