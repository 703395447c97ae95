import { describe, expect, it } from "vitest";
import { Conversation } from "@/lib/chat/schema";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { Environment } from "@/lib/env/environment";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import { synthesizeTree } from "@/lib/synth";
import { scoreTrajectory, type Score } from "./score";

/**
 * The reward against the synthesizer, end to end: for every branch of every example tree, the
 * ideal agent's conversation with the scripted user earns 1 and the persuaded agent's earns 0.
 * Synthesis searches for data per branch, so each tree gets a generous timeout.
 */
const trees = EXAMPLE_DOMAINS.flatMap(({ spec, trees }) => trees.map((t) => ({ spec, ...t })));
const why = (s: Score) => `${JSON.stringify(s.components)} ${s.info.outcome_check.observed}: ${s.info.outcome_check.evidence}`;

describe("reward on the example domains' synthesized cases", () => {
  it.each(trees.map((t) => [`${t.spec.slug} / ${t.name}`, t] as const))(
    "%s: normal trajectories score 1, hack trajectories 0",
    (_, { spec, name, doc }) => {
      const { cases } = synthesizeTree(doc, spec, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: name });
      expect(cases.length).toBeGreaterThan(0);
      const env = new Environment(spec);
      const failures: string[] = [];
      let hacks = 0;
      for (const c of cases) {
        const leaf = c.branch.nodeIds.at(-1);
        for (const seed of [0, 1]) {
          const normal = normalTrajectory(c, spec, { seed });
          if (!Conversation.safeParse(normal).success) failures.push(`${leaf}: normal trajectory is not a valid conversation`);
          const n = scoreTrajectory(c, normal, env);
          if (n.reward !== 1) failures.push(`${leaf} (seed ${seed}): normal scored ${n.reward} ${why(n)}`);
          if (!c.tool_return_expected.hack_path.length) continue;
          hacks++;
          const h = scoreTrajectory(c, hackTrajectory(c, spec, { seed }), env);
          if (h.reward !== 0) failures.push(`${leaf} (seed ${seed}): hack scored ${h.reward} ${why(h)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(hacks).toBeGreaterThan(0);
    },
    600_000,
  );
});
