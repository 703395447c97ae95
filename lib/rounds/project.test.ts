import { describe, expect, it } from "vitest";

process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";

import { studioDb } from "@/db";
import { createProject } from "@/db/queries/rounds";

describe("a project's problem solver", () => {
  const db = studioDb();
  const project = (name: string, backend: "builtin" | "none", policy: string) =>
    createProject({ db, input: { name, domains: ["clinic-appointments"], backend, baseModel: backend === "none" ? "hack" : "scratch", settings: { reasoning: { policy } } } });

  it("takes a reference solver, an agent spec, or the round's own checkpoint when a backend trains one", () => {
    expect(project("ref", "none", "budget:3").settings.reasoning.policy).toBe("budget:3");
    expect(project("agent", "none", "openai:qwen3-8b").settings.reasoning.policy).toBe("openai:qwen3-8b");
    expect(project("trained", "builtin", "trained").settings.reasoning.policy).toBe("trained");
  });

  it("refuses what no round could run, saying why", () => {
    expect(() => project("x1", "none", "trained")).toThrow(/"trained" needs a backend that trains/);
    expect(() => project("x2", "builtin", "nonsense")).toThrow(/Unknown agent "nonsense"/);
  });
});
