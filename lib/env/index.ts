export type { ToolResult, ToolCall, CallRecord, StateChange } from "./types";
export { checkAgainstSchema, schemaError, formatProblems, type SchemaProblem } from "./json-schema";
export { runEffect, type EffectRun } from "./effects";
export { hashState, diffStates, canonicalJson } from "./state";
export { Environment } from "./environment";
export { checkDomainSpec, type SpecIssue } from "./spec-check";
export { runTree, type TreeRun, type TreeRunInput } from "./interpreter";
