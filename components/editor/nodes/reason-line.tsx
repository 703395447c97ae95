import type { TreeNodeData } from "../flow-elements";
import { NodeDetail } from "./node-frame";

/** The policy reason of a refuse / transfer / abort leaf. */
export function ReasonLine({ data }: { data: TreeNodeData }) {
  const { reason } = data.node;
  return <NodeDetail title={reason}>{reason ? <i>{reason}</i> : <span className="tnode-missing">no reason given</span>}</NodeDetail>;
}
