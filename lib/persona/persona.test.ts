import { describe, expect, it } from "vitest";
import { assignPersonas, parsePersonaLines, samplePersonas, SEED_PERSONAS } from ".";

describe("parsePersonaLines", () => {
  const existing = [{ id: "p-1", persona: "A retired teacher who double-checks every number." }];

  it("reads the paper's {persona, id} lines, skipping blank lines and a missing final newline", () => {
    const text = '{"persona": "A nurse on night shifts.", "id": "9f1c"}\n\n{"id": "7a2b", "persona": "A student on a budget."}';
    const r = parsePersonaLines(text, existing);
    expect(r.added).toEqual([
      { id: "9f1c", persona: "A nurse on night shifts." },
      { id: "7a2b", persona: "A student on a budget." },
    ]);
    expect(r.bad).toEqual([]);
    expect(r.duplicates).toEqual([]);
  });

  it("lists every bad line with its 1-based number and reason", () => {
    const text = [
      "not json",
      '["a list"]',
      '{"persona": "no id here"}',
      '{"persona": "", "id": "x"}',
      '{"persona": 5, "id": "y"}',
      '{"persona": "Fine.", "id": "ok"}',
    ].join("\n");
    const r = parsePersonaLines(text, []);
    expect(r.added.map((p) => p.id)).toEqual(["ok"]);
    expect(r.bad.map((b) => b.line)).toEqual([1, 2, 3, 4, 5]);
    expect(r.bad[0].reason).toMatch(/^not valid JSON/);
    expect(r.bad[1].reason).toMatch(/got an array/);
    expect(r.bad[2].reason).toBe("id is missing");
    expect(r.bad[3].reason).toBe("persona is empty");
    expect(r.bad[4].reason).toBe("persona must be a string");
  });

  it("reports duplicates against the library and within the file, by id and by text", () => {
    const text = [
      '{"persona": "Someone new.", "id": "p-1"}',
      '{"persona": "a retired  teacher who double-checks every number.", "id": "p-2"}',
      '{"persona": "Fresh.", "id": "p-3"}',
      '{"persona": "Other.", "id": "p-3"}',
    ].join("\n");
    const r = parsePersonaLines(text, existing);
    expect(r.added.map((p) => p.id)).toEqual(["p-3"]);
    expect(r.duplicates).toEqual([
      { line: 1, id: "p-1", reason: 'id "p-1" is already used in the library' },
      { line: 2, id: "p-2", reason: expect.stringMatching(/same persona text is already there as "p-1"/) },
      { line: 4, id: "p-3", reason: 'id "p-3" is already used in line 3' },
    ]);
  });
});

describe("persona sampling", () => {
  it("samples distinct personas by seed, independent of row order", () => {
    const a = samplePersonas(SEED_PERSONAS, { count: 5, seed: 7 });
    const b = samplePersonas([...SEED_PERSONAS].reverse(), { count: 5, seed: 7 });
    expect(a.map((p) => p.id)).toEqual(b.map((p) => p.id));
    expect(new Set(a.map((p) => p.id)).size).toBe(5);
    expect(samplePersonas(SEED_PERSONAS, { count: 5, seed: 8 }).map((p) => p.id)).not.toEqual(a.map((p) => p.id));
    expect(samplePersonas(SEED_PERSONAS, { count: 99, seed: 1 })).toHaveLength(SEED_PERSONAS.length);
  });

  it("uses no persona twice before all are used, and never repeats one back to back", () => {
    const sample = ["a", "b", "c", "d"];
    const seq = assignPersonas(sample, 14, 3);
    expect(seq).toHaveLength(14);
    for (let start = 0; start + 4 <= 12; start += 4) expect(new Set(seq.slice(start, start + 4)).size).toBe(4);
    for (let i = 1; i < seq.length; i++) expect(seq[i]).not.toBe(seq[i - 1]);
    expect(assignPersonas(sample, 14, 3)).toEqual(seq);
    expect(assignPersonas([], 3, 1)).toEqual([]);
    expect(assignPersonas(["only"], 3, 1)).toEqual(["only", "only", "only"]);
  });
});
