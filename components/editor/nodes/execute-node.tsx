"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeFrame } from "./node-frame";

/** An execute leaf: green, the branch ends by doing what the user asked. */
function ExecuteNode({ data, selected }: NodeProps<TreeFlowNode>) {
  return <NodeFrame data={data} selected={selected} />;
}

export default memo(ExecuteNode);
