import type { NodeTypes } from "@xyflow/react";
import type { NodeKind } from "@/lib/tree/schema";
import AbortNode from "./abort-node";
import ClarifyNode from "./clarify-node";
import ConfirmNode from "./confirm-node";
import DecisionNode from "./decision-node";
import ExecuteNode from "./execute-node";
import RefuseNode from "./refuse-node";
import ToolCallNode from "./tool-call-node";
import TransferNode from "./transfer-node";

/** One component per node kind; module scope, so React Flow never sees a new map. */
export const nodeTypes: Record<NodeKind, NodeTypes[string]> = {
  decision: DecisionNode,
  tool_call: ToolCallNode,
  confirm: ConfirmNode,
  execute: ExecuteNode,
  clarify: ClarifyNode,
  refuse: RefuseNode,
  transfer: TransferNode,
  abort: AbortNode,
};
