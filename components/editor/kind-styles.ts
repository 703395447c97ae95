import type { NodeKind } from "@/lib/tree/schema";

/** One colour family per kind: canvas nodes, minimap, toolbar buttons and badges agree. */
export type KindStyle = { title: string; ink: string; fill: string; line: string };

export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  decision: { title: "Decision", ink: "#8a5300", fill: "#fff6e0", line: "#e0a526" },
  tool_call: { title: "Tool call", ink: "#1d4ed8", fill: "#eaf1ff", line: "#5b8def" },
  confirm: { title: "Confirm", ink: "#6d28d9", fill: "#f3edff", line: "#9b74ea" },
  execute: { title: "Execute", ink: "#17703d", fill: "#e6f6ec", line: "#3fae6a" },
  clarify: { title: "Clarify", ink: "#7a5d00", fill: "#fffbd6", line: "#d9c02a" },
  refuse: { title: "Refuse", ink: "#b42318", fill: "#fdeceb", line: "#e5675f" },
  transfer: { title: "Transfer", ink: "#0f6f6a", fill: "#e2f5f3", line: "#36a9a0" },
  abort: { title: "Abort", ink: "#475467", fill: "#eff1f4", line: "#98a2b3" },
};
