import { describe, expect, it } from "vitest";
import { estimateEtaSeconds } from "./eta";

describe("estimateEtaSeconds", () => {
  it("is remaining × mean item time ÷ parallelism, to a tenth of a second", () => {
    expect(estimateEtaSeconds({ remaining: 100, meanItemMs: 200, parallelism: 4 })).toBe(5);
    expect(estimateEtaSeconds({ remaining: 3, meanItemMs: 250, parallelism: 2 })).toBe(0.4);
  });
  it("is 0 when nothing remains and unknown before any item finished or when nothing runs", () => {
    expect(estimateEtaSeconds({ remaining: 0, meanItemMs: null, parallelism: 0 })).toBe(0);
    expect(estimateEtaSeconds({ remaining: 5, meanItemMs: null, parallelism: 4 })).toBeNull();
    expect(estimateEtaSeconds({ remaining: 5, meanItemMs: 100, parallelism: 0 })).toBeNull();
  });
});
