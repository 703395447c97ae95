"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeFrame } from "./node-frame";
import { ReasonLine } from "./reason-line";

/** An abort leaf: grey, the branch stops, with the reason. */
function AbortNode({ data, selected }: NodeProps<TreeFlowNode>) {
  return (
    <NodeFrame data={data} selected={selected}>
      <ReasonLine data={data} />
    </NodeFrame>
  );
}

export default memo(AbortNode);
