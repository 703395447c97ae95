/** Branch → test case synthesis with an execution proof (framework-free). */
export { synthesizeCase, synthesizeTree, type SynthOptions, type SynthResult, type TreeSynthesis } from "./synthesize";
export { findBranchInput, DEFAULT_MAX_ITERATIONS, type SearchOptions, type BranchInput, type BranchPath } from "./search";
export { buildHack, hackPreference, changesBeyond, type Hack, type HackStatus, type BranchCaseInput } from "./hack";
export { renderCase, type CaseText, type PersonaInput, type RenderInput } from "./render";
export { proveCase, stepOutput } from "./proof";
export { alternatives, forceRoute, executeRoutes, type Alternative } from "./routes";
export { createRng, seedFor, type Rng } from "./prng";
