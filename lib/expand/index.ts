/** Workflow → behavior tree expansion (framework-free; the job kind lives in ./job, which needs the DB). */
export { expandWorkflowDeterministic, type ExpandResult, type DeterministicOptions } from "./deterministic";
export { expandWorkflowLlm, type LlmExpansion, type LlmExpandInput, type ExpandUsage } from "./llm";
export { proposeDeterministic, proposalAgainst, type Proposal } from "./propose";
export { happyPathSteps } from "./happy-path";
export { toTreeDoc, toNested, type NestedNode } from "./nested";
export { TreeProposal, TREE_PROPOSAL_SCHEMA } from "./llm-schema";
