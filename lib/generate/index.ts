/** Branch → test case generation as a durable job (`cases.generate`), its preview, and provider readiness. */
export { GenerateInput, GenerateItem, MAX_GENERATE_ITEMS, type GenerateResult } from "./schema";
export { planItems, selectBranches, spreadPick } from "./plan";
export { generateCase, copySeed, type GeneratedCase } from "./generate-case";
export { loadGenerationContext, type GenerationContext } from "./context";
export { studioLlmConfig, studioLlmClient } from "./llm";
export { llmReadiness, type LlmReadiness } from "./readiness";
export { testLlmConnection, type ConnectionResult } from "./connection";
export { previewCases, type PreviewItem, type PreviewResult } from "./preview";
export { prepareGenerateItems, GENERATE_KIND } from "./job";
