// The eval harness: any agent over a dataset's cases, pass@1 / pass^k with breakdowns and failures.
export { resolveAgent, parseAgentSpec, checkAgentSpec, AGENT_SPEC_FORMS, type AgentSpec, type AgentDeps } from "./agents";
export { referenceAgent, REFERENCE_AGENTS, type ReferenceAgentName } from "./reference-agents";
export { createOpenAiAgent, agentConfig, AGENT_ROLE, type OpenAiAgentOptions } from "./openai-agent";
export { runEval, runTrial, type EvalAgent, type UserFactory, type RunEvalOptions } from "./run";
export {
  summarize, classifyTrial, passAt1, passHatK, passHatCurve, groupByCase, isSuccess, TRIAL_OUTCOMES,
  type TrialOutcome, type TrialResult, type EvalSummary, type EvalFailure, type KindScore, type OutcomeShare, type CaseScore,
} from "./metrics";
export { EvalSetup, EVAL_SPLITS, USER_MODES, tasksOfSplit, userFactory, checkUserMode, type EvalSplit, type UserMode, type EvalSetupInput } from "./setup";
