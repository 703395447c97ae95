import { it } from "vitest";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { synthesizeTree } from "@/lib/synth";
import { Environment } from "@/lib/env/environment";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import { scoreTrajectory } from "./score";
it("explore", () => {
  for (const { spec, trees } of EXAMPLE_DOMAINS) for (const { name, doc } of trees) {
    const t0 = Date.now();
    const syn = synthesizeTree(doc, spec, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: name });
    console.log(`${spec.slug}/${name}: ${syn.cases.length} cases, ${syn.unsatisfiable.length} unsat, ${syn.failed.length} failed, ${Date.now() - t0}ms`);
    for (const c of syn.cases) {
      const env = new Environment(spec);
      const n = scoreTrajectory(c, normalTrajectory(c, spec), env);
      const h = c.tool_return_expected.hack_path.length ? scoreTrajectory(c, hackTrajectory(c, spec), env) : null;
      const bad = n.reward !== 1 || (h && h.reward !== 0);
      console.log(`${bad ? "BAD " : "ok  "} ${c.expected_outcome} ${c.hack_status} ${c.branch.branchId.split(">").pop()} normal=${n.reward} ${JSON.stringify(n.components)} ${n.info.outcome_check.observed} | hack=${h?.reward} ${h ? JSON.stringify(h.components) + " " + h.info.outcome_check.observed : ""}`);
    }
  }
}, 600000);
