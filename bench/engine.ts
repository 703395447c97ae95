/**
 * Engine benchmark: environment tool steps per second, and cases synthesized + proved per second,
 * on the example domains. Single-threaded (one core). Prints figures; asserts nothing.
 */
import { Environment } from "@/lib/env";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { synthesizeTree } from "@/lib/synth";

function timeIt(fn: () => number, minMs = 1500): { ops: number; ms: number } {
  const start = performance.now();
  let ops = 0;
  while (performance.now() - start < minMs) ops += fn();
  return { ops, ms: performance.now() - start };
}

export function benchEngine(): void {
  for (const { spec, trees } of EXAMPLE_DOMAINS) {
    // Steps: replay every synthesized normal path repeatedly on a fresh environment.
    const { cases } = synthesizeTree(trees[0].doc, spec, { seed: 1, personas: [], treeId: null, revision: null });
    const paths = cases.map((c) => ({ db: c.initial_db, steps: c.tool_return_expected.normal_path }));
    const env = new Environment(spec);
    const steps = timeIt(() => {
      let n = 0;
      for (const p of paths) {
        env.reset(p.db);
        for (const s of p.steps) {
          env.step({ name: s.tool_name, arguments: s.input });
          n++;
        }
      }
      return n;
    });
    console.log(`${spec.slug.padEnd(22)} env steps/s        ${Math.round((steps.ops / steps.ms) * 1000).toLocaleString()}`);

    const synth = timeIt(() => {
      let n = 0;
      for (const t of trees) n += synthesizeTree(t.doc, spec, { seed: 1, personas: [], treeId: null, revision: null }).cases.length;
      return n;
    }, 3000);
    console.log(`${spec.slug.padEnd(22)} cases synth+proof/s ${((synth.ops / synth.ms) * 1000).toFixed(1)} (${cases.length} branches in "${trees[0].name}")`);
  }
}
