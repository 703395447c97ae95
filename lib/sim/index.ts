export type { UserSimulator, UserReply } from "./user-simulator";
export { createScriptedUser, type ScriptedUserCase, type ScriptedUserOptions } from "./scripted-user";
export { normalTrajectory, hackTrajectory, type TrajectoryDomain, type TrajectoryOptions } from "./trajectory";
export { systemPrompt, toolsForOpenAI, type OpenAITool } from "./system-prompt";
export { agentTurns, classifyTurn, type AgentTurn, type AgentTurnKind } from "./agent-turn";
export { renderValue, isStatedIn, statedFacts } from "./fact-values";
