import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc } from "@/lib/tree/schema";
import { clinicDomain, clinicTrees } from "./clinic";
import { retailDomain, retailTrees } from "./retail";

/** The domains the studio seeds on first start, each with its curated trees. */
export const EXAMPLE_DOMAINS: { spec: DomainSpec; trees: { name: string; doc: TreeDoc }[] }[] = [
  { spec: retailDomain, trees: retailTrees },
  { spec: clinicDomain, trees: clinicTrees },
];
