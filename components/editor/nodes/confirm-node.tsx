"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeFrame } from "./node-frame";

/** A confirmation: purple; its first child is "confirms", its second "declines" (edge labels). */
function ConfirmNode({ data, selected }: NodeProps<TreeFlowNode>) {
  return <NodeFrame data={data} selected={selected} />;
}

export default memo(ConfirmNode);
