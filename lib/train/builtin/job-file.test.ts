import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { generateProblems } from "@/lib/reasoning/generate/generate";
import { RoundSpec } from "@/lib/train/protocol";
import { readJobFile, writeJobFile } from "./job-file";
import { clinicSplit } from "./test-fixture";

describe("built-in job file", () => {
  it("carries a round's cases and problems to the worker, each as it was", () => {
    const { train, validation } = clinicSplit();
    const problems = generateProblems(clinicDomain, { count: 3, seed: 2 }).problems.map((problem) => ({ id: problem.id, problem, domain: clinicDomain }));
    const spec = RoundSpec.parse({ backend: "builtin", dataset: { kind: "domain", domainSlug: clinicDomain.slug } });
    const runDir = mkdtempSync(path.join(tmpdir(), "builtin-job-"));
    const data = { label: "clinic", domain: clinicDomain, train: [...train.slice(0, 2), ...problems.slice(0, 2)], validation: [validation[0], problems[2]] };
    const job = readJobFile(writeJobFile({ runId: 7, spec, data, runDir }));
    expect(job).toMatchObject({ runId: 7, runDir, spec });
    expect(job.data).toEqual(data);
  });
});
