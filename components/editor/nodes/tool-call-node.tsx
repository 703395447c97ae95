"use client";
import { memo } from "react";
import type { NodeProps } from "@xyflow/react";
import type { TreeFlowNode } from "../flow-elements";
import { NodeDetail, NodeFrame } from "./node-frame";

/** A tool call: blue, naming its tool and where the output is kept. */
function ToolCallNode({ data, selected }: NodeProps<TreeFlowNode>) {
  const { tool, saveAs, args } = data.node;
  const argText = Object.keys(args ?? {}).join(", ");
  return (
    <NodeFrame data={data} selected={selected}>
      <NodeDetail mono title={tool ? `${tool}(${argText})${saveAs ? ` → outputs.${saveAs}` : ""}` : "No tool chosen"}>
        {tool ? <><b>{tool}</b>({argText}){saveAs ? ` → ${saveAs}` : ""}</> : <span className="tnode-missing">no tool chosen</span>}
      </NodeDetail>
    </NodeFrame>
  );
}

export default memo(ToolCallNode);
