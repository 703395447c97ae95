import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { TestCase } from "@/lib/cases/schema";
import { isDomainError } from "@/lib/errors";
import { addUsage, emptyUsageTotals, type UsageTotals } from "@/lib/llm";
import { loadGenerationContext } from "./context";
import { generateCase } from "./generate-case";
import { prepareGenerateItems } from "./job";
import { withUsageReporter } from "./llm";
import { spreadPick } from "./plan";
import type { GenerateInput } from "./schema";

export type PreviewItem = {
  branchId: string;
  labels: string[];
  outcome: string;
  personaId: string;
} & (
  | { ok: true; generator: string; persona: string; case: TestCase; rounds?: number; repairedIssues?: string[] }
  | { ok: false; error: string }
);

export interface PreviewResult {
  /** Items the full job would have. */
  planned: number;
  items: PreviewItem[];
  /** `cost` sums priced calls; `unpricedCalls` had no price configured (unknown, not free). */
  usage: UsageTotals;
}

/**
 * `count` items of a generation, run now and stored nowhere, spread over the plan so they show
 * different branches. LLM answers land in the cache, so the real job does not pay for them again.
 */
export async function previewCases(db: Db, input: GenerateInput, { count = 3, signal }: { count?: number; signal?: AbortSignal } = {}): Promise<PreviewResult> {
  const plan = prepareGenerateItems(input);
  const { branchById } = loadGenerationContext(db, input);
  const usage = emptyUsageTotals();
  const key = `preview:${randomUUID()}`;
  const items = await withUsageReporter(
    key,
    (e) => addUsage(usage, e),
    () =>
      Promise.all(
        spreadPick(plan, count).map(async (item): Promise<PreviewItem> => {
          const made = await generateCase({ db, input, item, signal, usageKey: key }).catch((e: unknown) => {
            if (isDomainError(e)) return e;
            throw e;
          });
          const branch = branchById.get(item.branchId)!;
          const where = { branchId: item.branchId, labels: branch.labels, outcome: branch.outcome, personaId: item.personaId };
          if (made instanceof Error) return { ...where, ok: false, error: made.message };
          const { testCase, generator, persona, rounds, repairedIssues } = made;
          return { ...where, ok: true, generator, persona, case: testCase, rounds, repairedIssues };
        }),
      ),
  );
  return { planned: plan.length, items, usage };
}
