import { it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { retailDomain } from "@/lib/domain/examples/retail";
import { expandWorkflowDeterministic } from "@/lib/expand/deterministic";
import { validateTree, enumerateBranches, countOutcomes } from "@/lib/tree";
import { synthesizeTree } from "@/lib/synth";
import { toNested } from "@/lib/expand/nested";
it("show", () => {
  for (const [d, steps] of [[clinicDomain, ["Verify the patient", "Look up the appointment", "Cancel the appointment"]], [retailDomain, ["Find the customer by email", "Look up the order", "Cancel the order"]], [clinicDomain, ["Verify the patient", "Look up the appointment", "Reschedule the appointment"]], [retailDomain, ["Find the customer", "Get the order", "Return the items"]], [retailDomain, ["Find the customer", "Get the order", "Exchange the item"]]] as const) {
    const r = expandWorkflowDeterministic([...steps], d);
    console.log(JSON.stringify(toNested(r.doc), null, 1).slice(0, 6000));
    console.log(r.notes.join("\n"));
    const issues = validateTree(r.doc, d);
    console.log("ISSUES", issues);
    const b = enumerateBranches(r.doc);
    console.log("branches", b.length, countOutcomes(b));
    const s = synthesizeTree(r.doc, d, { seed: 1, personas: [], treeId: null, revision: null });
    console.log("cases", s.cases.length, "unsat", s.unsatisfiable.map(u => u.branch.leafId + ": " + u.reason), "failed", s.failed.map(f => f.branch.leafId + ": " + f.reason));
  }
});
