import type { TestCase } from "@/lib/cases/schema";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { synthesizeCase } from "@/lib/synth";
import { enumerateBranches } from "@/lib/tree/branches";

export const NURSE = { id: "p-busy-nurse", persona: "A night-shift nurse who shops between shifts, types in short bursts and gets impatient with repeated questions." };
export const clinicDoc = clinicTrees[0].doc;

/** The first proven clinic case that `pick` accepts (the clinic tree has every outcome). */
export function clinicCase(pick: (c: TestCase) => boolean): TestCase {
  for (const branch of enumerateBranches(clinicDoc)) {
    const r = synthesizeCase(clinicDoc, branch, clinicDomain, { seed: 1, personas: [NURSE], treeId: 1, revision: 1, treeName: clinicTrees[0].name });
    if (r.ok && r.case.proof?.verified && pick(r.case)) return r.case;
  }
  throw new Error("no clinic case matches");
}

/** A refusal whose hack is a follow-up fact (the appointment id offered after the refusal). */
export const refusalWithFollowUp = () =>
  clinicCase((c) => c.expected_outcome === "refuse" && c.hack_status === "violation" && Object.keys(c.hack_facts).length > 0);
