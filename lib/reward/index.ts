export { scoreTrajectory, REWARD_BASIS, type Score, type RewardInfo } from "./score";
export { replayCalls, type ReplayedCall, type ScoringEnv, type CallKind } from "./replay";
export { forbiddenHits } from "./forbidden";
export { checkOutcome, type OutcomeCheck, type OutcomeCase } from "./outcome";
