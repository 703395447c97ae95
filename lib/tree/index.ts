/** The behavior-tree core: schema, documents, validation, branches, guard types, paper import/export. */
export * from "./schema";
export { parseTreeDoc, serializeTreeDoc, formatPath, nodeOrder } from "./document";
export { validateTree } from "./validate";
export { enumerateBranches, countOutcomes, treeDepth, branchingFactors, MAX_BRANCHES, type BranchingFactors } from "./branches";
export { guardVarTypes, guardEnvironment, toolOutputType, type TreeDomainContext, type VisibleOutput, type GuardVarTypes } from "./guard-types";
export { createGuardChecker, type CelCheck, type GuardChecker } from "./guard-check";
export { describeType, type CelType } from "./cel-types";
export { walkTree, nodeName, type TreeWalk } from "./walk";
export * from "./reference";
