"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeDetail, NodeFrame } from "./node-frame";

/** A clarify leaf: yellow, listing the user facts it asks for. */
function ClarifyNode({ data, selected }: NodeProps<TreeFlowNode>) {
  const missing = data.node.missing ?? [];
  return (
    <NodeFrame data={data} selected={selected}>
      <NodeDetail title={missing.join(", ")}>
        {missing.length ? <>asks for <span className="mono">{missing.join(", ")}</span></> : <span className="tnode-missing">no missing facts named</span>}
      </NodeDetail>
    </NodeFrame>
  );
}

export default memo(ClarifyNode);
