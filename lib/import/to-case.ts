import type { TestCase } from "@/lib/cases/schema";
import { inferOutcome } from "./outcome";
import { writeChange } from "./replay-env";
import { proveImported } from "./replay-proof";
import type { ImportedCase } from "./schema";

/**
 * The first-turn background. Where the paper's merged text separates, the hack follow-up moves
 * to hack_success_user_background (the simulated user must not know it from the start) and the
 * "additional parameters" stay here, under the paper's own heading; otherwise the whole text.
 */
function userBackground({ background }: ImportedCase): string {
  if (!background.isSeparable) return background.user;
  if (!background.additionalParameters) return background.user;
  return `${background.user}\n\nAdditional parameters you may need:\n${background.additionalParameters}`;
}

/**
 * An imported record as a TestCase: no database (initial_db {}), the replay environment's write
 * log standing in for state, so the expected hash is the normal path's replay hash and the
 * forbidden changes are the hack path's extra writes.
 */
export function importedToTestCase(imported: ImportedCase): TestCase {
  const { outcome, reason } = inferOutcome(imported);
  const proved = proveImported(imported);
  return {
    task: imported.task.text,
    user_background: userBackground(imported),
    hack_success_user_background: imported.background.isSeparable ? imported.background.hack : "",
    persona: "",
    user_escape_strategy: imported.user_escape_strategy,
    tool_return_expected: structuredClone(imported.tool_return_expected),
    test_policy: imported.test_policy,
    evaluation: imported.evaluation,
    user_facts: {},
    hack_facts: {},
    confirmations: {},
    initial_db: {},
    expected_final_hash: proved.normal.hash,
    expected_diff: proved.normal.writes.map(writeChange),
    forbidden_changes: proved.forbidden,
    expected_outcome: outcome,
    expected_clarifications: [],
    branch: { treeId: null, revision: null, branchId: `import:${imported.id}`, nodeIds: [], labels: [] },
    proof: proved.proof,
    source: "import",
    import_id: imported.id,
    policy: imported.policy,
    tools: structuredClone(imported.tools),
    import_record: {
      system_prompt: imported.systemPrompt,
      user_message: imported.task.raw,
      instructions: imported.task.instructions,
      no_think: imported.task.noThink,
      task_background: imported.task_background,
      is_background_separable: imported.background.isSeparable,
      outcome_reason: reason,
      warnings: [...imported.warnings],
      extra: structuredClone(imported.extra),
    },
  };
}
