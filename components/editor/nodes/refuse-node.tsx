"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeFrame } from "./node-frame";
import { ReasonLine } from "./reason-line";

/** A refuse leaf: red, with the policy reason. */
function RefuseNode({ data, selected }: NodeProps<TreeFlowNode>) {
  return (
    <NodeFrame data={data} selected={selected}>
      <ReasonLine data={data} />
    </NodeFrame>
  );
}

export default memo(RefuseNode);
