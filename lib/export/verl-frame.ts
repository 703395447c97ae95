import { list, str, struct, type Field } from "./parquet-schema";

/**
 * What every verl row shares, agentic cases and reasoning problems alike
 * (reference-pipeline.md §2): data_source and agent_name pick verl's reward function and agent
 * loop, a system + user prompt, a rule reward's ground truth and env_spec (a JSON string, or "").
 * Each row kind brings only its own extra_info.
 */
export function verlColumns(extraInfo: Field[]): Field[] {
  return [
    str("data_source"),
    str("agent_name"),
    list("prompt", struct("element", [str("role"), str("content")])),
    str("ability"),
    struct("reward_model", [str("style"), str("ground_truth")]),
    struct("extra_info", extraInfo),
    str("env_spec"),
  ];
}

export interface VerlFrame<ExtraInfo> {
  data_source: string;
  agent_name: string;
  prompt: { role: "system" | "user"; content: string }[];
  ability: string;
  reward_model: { style: "rule"; ground_truth: string };
  extra_info: ExtraInfo;
  env_spec: string;
}

export interface VerlFrameParts<ExtraInfo> {
  dataSource: string;
  agentName: string;
  system: string;
  user: string;
  ability: string;
  groundTruth: string;
  extraInfo: ExtraInfo;
  envSpec: string;
}

/** One verl row, its keys in the columns' order. */
export function verlFrame<ExtraInfo>(parts: VerlFrameParts<ExtraInfo>): VerlFrame<ExtraInfo> {
  return {
    data_source: parts.dataSource,
    agent_name: parts.agentName,
    prompt: [
      { role: "system", content: parts.system },
      { role: "user", content: parts.user },
    ],
    ability: parts.ability,
    reward_model: { style: "rule", ground_truth: parts.groundTruth },
    extra_info: parts.extraInfo,
    env_spec: parts.envSpec,
  };
}
