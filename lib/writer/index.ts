/** The LLM writer: a proven case's words rewritten in a persona's voice, then re-checked. */
export { CASE_REWRITE, CaseRewrite, personaText, type WriterPersona } from "./schema";
export { rewriteCase, applyRewrite, type RewriteOptions, type RewriteOutcome, type WriterUsage } from "./rewrite";
export { checkRewrite, ruleStatedIssues, hackLeakIssues, untracedInputIssues, followUpIssues, proofIssues } from "./checks";
export { rewriteMessages, repairMessages, writerBrief } from "./prompt";
export { factsUsedAsInputs, secretHackValues, occurrences } from "./facts";
export { rulePhrases, statedRulePhrases } from "./rule-phrases";
