import { describe, expect, it } from "vitest";
import { clinicProblemTasks, clinicTasks } from "./trl/test-fixture";
import { casesOnly } from "./cases-only";
import type { TrainEventInput } from "./protocol";

describe("casesOnly", () => {
  const cases = clinicTasks().slice(0, 3);
  const problems = clinicProblemTasks(3);

  it("leaves a round's problems out with a warning that counts them", () => {
    const events: TrainEventInput[] = [];
    const data = { label: "clinic + 3 problems", domain: cases[0].domain, train: [cases[0], problems[0], cases[1], problems[1]], validation: [problems[2], cases[2]] };
    const kept = casesOnly(data, (e) => events.push(e), "the built-in policy cannot write a free-form answer");
    expect(kept.train.map((t) => t.id)).toEqual([cases[0].id, cases[1].id]);
    expect(kept.validation.map((t) => t.id)).toEqual([cases[2].id]);
    expect(events).toEqual([
      { type: "log", level: "warn", message: "skipping 2 training and 1 validation problem(s) of clinic + 3 problems: the built-in policy cannot write a free-form answer; the round trains on its 2 + 1 cases" },
    ]);
  });

  it("says nothing when the round has no problems", () => {
    const events: TrainEventInput[] = [];
    expect(casesOnly({ label: "clinic", domain: cases[0].domain, train: cases, validation: [] }, (e) => events.push(e), "x").train).toHaveLength(3);
    expect(events).toEqual([]);
  });
});
