import { validateTree } from "@/lib/tree/validate";
import { enumerateBranches, treeDepth, branchingFactors } from "@/lib/tree/branches";
import { serializeTreeDoc, parseTreeDoc } from "@/lib/tree/document";
import { exportReferenceTree, importReferenceTree } from "@/lib/tree/reference";
import { fixtureDomain } from "@/lib/tree/fixtures";
import type { TreeDoc, TreeNode } from "@/lib/tree/schema";
const nodes: Record<string, TreeNode> = {};
const root: TreeNode = { id: "root", kind: "decision", label: "root", children: [] };
nodes.root = root;
for (let i = 0; i < 200; i++) {
  const t: TreeNode = { id: `t${i}`, kind: "tool_call", label: `t${i}`, tool: "get_order", saveAs: `o${i}`, args: { order_id: "user.order_id" }, guard: `user.quantity == ${i}`, children: [] };
  nodes[t.id] = t; root.children.push(t.id);
  for (let j = 0; j < 8; j++) {
    const l: TreeNode = { id: `l${i}_${j}`, kind: "refuse", label: `l${j}`, reason: "r", guard: j < 7 ? `outputs.o${i}.total > ${j} && state.orders[user.order_id].status == "x"` : undefined, children: [] };
    nodes[l.id] = l; t.children.push(l.id);
  }
}
const doc: TreeDoc = { version: 1, rootId: "root", nodes };
for (let r = 0; r < 2; r++) { const s = performance.now(); const issues = validateTree(doc, fixtureDomain); console.log("nodes", Object.keys(nodes).length, "issues", issues.length, "ms", performance.now() - s); }
const deep: Record<string, TreeNode> = {};
for (let i = 0; i < 20000; i++) deep[`n${i}`] = { id: `n${i}`, kind: i === 19999 ? "execute" : "tool_call", tool: "get_order", saveAs: `o${i % 7}`, args: { order_id: "user.order_id" }, guard: i % 100 === 0 ? "has(outputs.o1)" : undefined, label: `n${i}`, children: i === 19999 ? [] : [`n${i+1}`] };
const d: TreeDoc = { version: 1, rootId: "n0", nodes: deep };
let s = performance.now();
console.log(validateTree(d, fixtureDomain).length, performance.now() - s);
s = performance.now(); console.log(enumerateBranches(d).length, treeDepth(d), branchingFactors(d).max, performance.now() - s);
s = performance.now(); console.log(parseTreeDoc(JSON.parse(serializeTreeDoc(d))).rootId, performance.now() - s);
s = performance.now(); try { console.log(importReferenceTree(exportReferenceTree(d)).warnings.length, performance.now() - s); } catch (e) { console.log("ref deep", (e as Error).message); }
