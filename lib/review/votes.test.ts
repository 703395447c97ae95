import { describe, expect, it } from "vitest";
import type { ReviewPolicy, Vote } from "./schema";
import { countVotes, reviewStatus } from "./votes";

const vote = (reviewerId: string, verdict: Vote["verdict"], at: string, caseRevision = 0): Vote => ({ reviewerId, verdict, at, caseRevision });
const status = (approvals: number, rejections: number, policy: ReviewPolicy) => reviewStatus({ approvals, rejections }, policy);

describe("countVotes", () => {
  it("counts each reviewer's latest verdict on the current revision only", () => {
    const votes = [vote("ann", "reject", "1"), vote("ann", "approve", "2"), vote("bob", "reject", "1"), vote("cy", "approve", "3", 0), vote("bob", "approve", "0", 1)];
    expect(countVotes(votes, 0)).toEqual({ approvals: 2, rejections: 1 });
    expect(countVotes(votes, 1)).toEqual({ approvals: 1, rejections: 0 });
    expect(countVotes([], 0)).toEqual({ approvals: 0, rejections: 0 });
  });
});

describe("reviewStatus", () => {
  it("overlap 1: one verdict decides", () => {
    const p: ReviewPolicy = { overlap: 1, rule: "unanimous" };
    expect(status(0, 0, p)).toBe("pending");
    expect(status(1, 0, p)).toBe("approved");
    expect(status(0, 1, p)).toBe("rejected");
    expect(status(1, 0, { ...p, rule: "majority" })).toBe("approved");
    expect(status(0, 1, { ...p, rule: "majority" })).toBe("rejected");
  });

  it("unanimous with overlap 3: all three must approve, any rejection rejects", () => {
    const p: ReviewPolicy = { overlap: 3, rule: "unanimous" };
    expect(status(2, 0, p)).toBe("pending");
    expect(status(3, 0, p)).toBe("approved");
    expect(status(2, 1, p)).toBe("rejected");
    expect(status(5, 1, p)).toBe("rejected");
  });

  it("majority with overlap 3: two approvals approve, two rejections reject, 1–1 waits", () => {
    const p: ReviewPolicy = { overlap: 3, rule: "majority" };
    expect(status(1, 0, p)).toBe("pending");
    expect(status(1, 1, p)).toBe("pending");
    expect(status(2, 1, p)).toBe("approved");
    expect(status(1, 2, p)).toBe("rejected");
    expect(status(2, 2, p)).toBe("rejected");
  });

  it("majority with an even overlap: a tie rejects", () => {
    const p: ReviewPolicy = { overlap: 2, rule: "majority" };
    expect(status(1, 0, p)).toBe("pending");
    expect(status(1, 1, p)).toBe("rejected");
    expect(status(2, 0, p)).toBe("approved");
    expect(status(3, 1, { overlap: 4, rule: "majority" })).toBe("approved");
    expect(status(2, 2, { overlap: 4, rule: "majority" })).toBe("rejected");
    expect(status(2, 1, { overlap: 4, rule: "majority" })).toBe("pending");
  });
});
