import http from "node:http";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { generateProblems } from "@/lib/reasoning/generate/generate";
import type { EpisodeTask, ProblemTask } from "@/lib/rollout";
import { synthesizeTree } from "@/lib/synth";
import { hasVenv, trainerPaths } from "./paths";

/** The TRL tests need the worker's venv (CI creates it in .ci/run; locally: npx flywheel trainer setup). */
export const venvMissing = !hasVenv(trainerPaths());
export const SKIP_REASON = `no trainer venv at ${trainerPaths().venvDir} (run npx flywheel trainer setup)`;

/** Clinic cases synthesized in memory: 20 of 23 start with a find_patient call. */
export function clinicTasks(): EpisodeTask[] {
  const { cases } = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: clinicTrees[0].name });
  return cases.map((testCase, i) => ({ id: `clinic-${i}`, testCase, domain: clinicDomain }));
}

/** Clinic data-analysis problems generated in memory (each solvable through its planned reads). */
export function clinicProblemTasks(count = 4): ProblemTask[] {
  return generateProblems(clinicDomain, { count, seed: 2 }).problems.map((problem) => ({ id: problem.id, problem, domain: clinicDomain }));
}

/**
 * A counting pass-through in front of an environment server: what the worker asked for, by
 * method and route ("POST /sessions", "POST /sessions/:sid/tool", "GET /sessions/:sid/score").
 */
export async function countingProxy(target: string): Promise<{ url: string; counts: Map<string, number>; close(): Promise<void> }> {
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const route = `${req.method} ${(req.url ?? "").split("?")[0].replace(/^\/sessions\/[^/]+/, "/sessions/:sid")}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", (e) => res.writeHead(502).end(JSON.stringify({ error: e.message })));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
