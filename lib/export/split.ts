import { createHash } from "node:crypto";
import type { TestCase } from "@/lib/cases/schema";
import { stableHash } from "@/lib/chat/schema";
import type { Problem } from "@/lib/reasoning/schema";
import { canonicalJson, compareKeys } from "@/lib/env/state";
import { DomainError } from "@/lib/errors";
import { createRng } from "@/lib/synth/prng";
import type { ExportRow, Split } from "./types";

/** What the split needs of a case: its id and the keys it shares with other cases. */
export interface SplitItem {
  id: string;
  /** Cases sharing any key always land in the same split (a branch). */
  keys: string[];
  /** Cases sharing one of these land together too, unless that leaves validation empty (a persona). */
  softKeys?: string[];
}

export interface SplitPlan {
  assignment: Map<string, Split>;
  counts: Record<Split, number>;
  /** Groups after joining shared keys, and the largest one's size. */
  groups: number;
  largestGroup: number;
  /** validation / total as achieved (groups are indivisible, so it only approximates the target). */
  validationRatio: number;
  /**
   * True when grouping by soft keys too joined everything into too few groups to validate on, so
   * only the hard keys were kept apart (personas shared by every branch can do that).
   */
  relaxed: boolean;
}

/** A case's group keys: its persona (whitespace and case folded) and its branch within its tree. */
export function splitItem(row: Pick<ExportRow, "id" | "testCase" | "domain">): SplitItem {
  const tc = row.testCase;
  const persona = tc.persona.trim().replace(/\s+/g, " ").toLowerCase();
  const branch = `branch:${row.domain.slug}/${tc.branch.treeId ?? "-"}/${tc.branch.branchId}`;
  return { id: row.id, keys: [branch], softKeys: persona ? [`persona:${persona}`] : [] };
}

/**
 * A seeded, grouped train/validation split. Cases are joined (union-find) when they share a
 * persona or a branch, so no persona or branch straddles the split (the paper's random per-case
 * split leaks personas into validation). Groups are then ordered canonically, shuffled with the
 * seed, and taken into validation while they fit the target: the same items and seed give the
 * same split whatever order the items come in. When personas join every case into groups too big
 * for the target (validation would be empty), the split keeps only branches apart: a validation
 * set of unseen branches beats none.
 */
export function planSplit(items: Iterable<SplitItem>, options: { seed: number; validationRatio: number }): SplitPlan {
  const { seed, validationRatio } = options;
  if (!(validationRatio >= 0 && validationRatio <= 1)) throw new DomainError("invalid", `validationRatio must be between 0 and 1, got ${validationRatio}`);
  const list = [...items];
  const plan = groupedSplit(list, seed, validationRatio, true);
  if (plan.counts.validation > 0 || validationRatio === 0 || !list.some((i) => i.softKeys?.length)) return plan;
  const relaxed = groupedSplit(list, seed, validationRatio, false);
  return relaxed.counts.validation > 0 ? { ...relaxed, relaxed: true } : plan;
}

function groupedSplit(items: SplitItem[], seed: number, validationRatio: number, withSoftKeys: boolean): SplitPlan {
  const parent: number[] = [];
  const keyIndex = new Map<string, number>();
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const nodeOf = (key: string) => {
    let i = keyIndex.get(key);
    if (i === undefined) keyIndex.set(key, (i = parent.push(parent.length) - 1));
    return i;
  };
  const itemNode = new Map<string, number>();
  for (const item of items) {
    if (itemNode.has(item.id)) throw new DomainError("invalid", `case id ${item.id} appears twice in the split`);
    const keys = withSoftKeys ? [...item.keys, ...(item.softKeys ?? [])] : item.keys;
    const nodes = (keys.length ? keys : [`id:${item.id}`]).map(nodeOf);
    for (const n of nodes.slice(1)) parent[find(n)] = find(nodes[0]);
    itemNode.set(item.id, nodes[0]);
  }

  const members = new Map<number, string[]>();
  for (const [id, node] of itemNode) {
    const root = find(node);
    const list = members.get(root);
    if (list) list.push(id);
    else members.set(root, [id]);
  }
  // canonical order first (by each group's smallest id), so input order cannot change the result
  const groups = [...members.values()].map((ids) => ids.sort(compareKeys)).sort((a, b) => compareKeys(a[0], b[0]));
  const order = createRng(seed).sample(groups, groups.length);

  const target = Math.round(itemNode.size * validationRatio);
  const assignment = new Map<string, Split>();
  const counts: Record<Split, number> = { train: 0, validation: 0 };
  for (const group of order) {
    const split: Split = counts.validation + group.length <= target ? "validation" : "train";
    counts[split] += group.length;
    for (const id of group) assignment.set(id, split);
  }
  return {
    assignment,
    counts,
    groups: groups.length,
    largestGroup: groups.reduce((m, g) => Math.max(m, g.length), 0),
    validationRatio: itemNode.size ? counts.validation / itemNode.size : 0,
    relaxed: false,
  };
}

/**
 * A content hash of a set of cases: sha256 over the sorted sha256s of each case's canonical
 * JSON. Order-independent, key-order-independent, and a duplicate case changes it. Fed one case
 * at a time, it keeps 64 characters per case.
 */
export class SnapshotHasher {
  private readonly digests: string[] = [];

  /** A case, or any other exported item (a reasoning problem). */
  add(item: TestCase | object): void {
    this.digests.push(createHash("sha256").update(canonicalJson(item)).digest("hex"));
  }

  digest(): string {
    return createHash("sha256").update([...this.digests].sort(compareKeys).join("\n")).digest("hex");
  }
}

export function snapshotHash(cases: Iterable<TestCase>): string {
  const hasher = new SnapshotHasher();
  for (const c of cases) hasher.add(c);
  return hasher.digest();
}

/**
 * A problem's split by its family (the lineage root): a problem and its hardened variants land on
 * one side, so validation never holds a near copy of a training problem. Stable across runs.
 */
export function problemSplit(problem: Pick<Problem, "lineage">, validationRatio: number): Split {
  return stableHash(problem.lineage.root) % 1000 < validationRatio * 1000 ? "validation" : "train";
}
