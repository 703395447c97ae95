"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeFrame } from "./node-frame";

/** A decision: a hexagon (a stretched diamond that still fits a label), amber. */
const HEXAGON = "6,0 94,0 100,50 94,100 6,100 0,50";

function DecisionNode({ data, selected }: NodeProps<TreeFlowNode>) {
  const shape = (
    <svg className="tnode-shape" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden>
      <polygon points={HEXAGON} vectorEffect="non-scaling-stroke" />
    </svg>
  );
  return <NodeFrame data={data} selected={selected} shape={shape} />;
}

export default memo(DecisionNode);
