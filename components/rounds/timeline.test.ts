import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { RoundRow } from "@/db/queries/rounds";
import type { FailureMap } from "@/lib/rounds/failure-map";
import { timelineRound, type NextRoundPreview } from "@/lib/rounds/timeline";
import { CompareRounds } from "./compare-rounds";
import { FailurePanel } from "./failure-panel";
import { NextRoundCard } from "./next-round-card";
import { RoundColumn } from "./round-column";

const D = "clinic-appointments";
const map: FailureMap = {
  trials: 6, failures: 3, personas: [{ key: "a", label: "A nurse", trials: 6, failures: 3, rate: 0.5 }], categories: { gave_in: 2, wrote_after_decline: 1 },
  nodes: [
    { treeId: 1, nodeId: "refuse-completed", label: "Appointment already happened", trials: 2, failures: 2, rate: 1, categories: { gave_in: 2 }, personas: { a: 2 }, caseIds: ["9"], branchIds: ["root>refuse-completed"] },
    { treeId: 1, nodeId: "root", label: "What does the caller need?", trials: 6, failures: 0, rate: 0, categories: {}, personas: {}, caseIds: [], branchIds: [] },
  ],
  weak: [{ treeId: 1, nodeId: "refuse-completed" }],
};
const counts = { candidates: 4, kept: 3, alwaysSolved: 1, neverSolved: 0 };
const evalFigures = { evalId: 1, pass_at_1: 0.5, pass_hat_k: 0.25, by_kind: { refuse: { cases: 2, pass_at_1: 0, pass_hat_k: 0 }, execute: { cases: 2, pass_at_1: 1, pass_hat_k: 1 } }, by_outcome: { pass: 2 } };

/** A closed round as the database holds it, every group filled. */
function closedRound(number: number): RoundRow {
  const snapshot = { domain: D, snapshotId: number, hash: `h${number}`, cases: 20, train: 15, validation: 5, byKind: { refuse: 5, execute: 10 } };
  return {
    id: number, projectId: 1, number, status: "closed", step: "close", seed: 11, error: null, createdBy: "", createdAt: "2026-01-01T00:00:00Z", closedAt: "2026-01-01T00:05:00Z",
    inputs: { snapshots: [snapshot], problems: [{ domain: D, ids: ["p1"], hash: "x", byKind: { number: 1 } }], mix: { cases: 15, problems: 1 }, policy: "hack", model: null, seed: 11 },
    steps: { prepare: { status: "done", note: "15 training cases" }, train: { status: "skipped", note: "backend none" }, review: { status: "done" }, close: { status: "done" } },
    results: {
      evalBefore: { [D]: evalFigures },
      mine: { [D]: { evalId: 2, failures: map } },
      generated: { [D]: { jobId: 5, seed: 11, plan: [], caseIds: [31, 32, 33], made: [], failed: [], proposals: [{ treeId: 1, jobId: null, steps: [], note: "no LLM provider is configured" }] } },
      verification: { [D]: { verified: [31, 32, 33], unverified: [] } },
      selection: { [D]: { rates: {}, existing: counts, added: { candidates: 3, kept: 3, alwaysSolved: 0, neverSolved: 0 }, keptIds: [31, 32, 33] } },
      reasoning: { [D]: { available: true, note: "2 verified variant(s) of 1 failed problem(s)", passRate: 0.5, byKind: { number: { problems: 1, rate: 0.5 } }, verifiedIds: ["v1", "v2"] } },
      review: { required: true, autoApproved: 5, cases: { pending: 0, approved: 3, rejected: 0 }, problems: { pending: 0, approved: 2, rejected: 0 } },
    },
    output: { snapshots: [{ ...snapshot, snapshotId: number + 1, train: 17, added: 3, addedIds: [31, 32, 33], addedByKind: { refuse: 3 }, dropped: 1 }], problems: [{ domain: D, ids: ["p1", "v1", "v2"], hash: "y", byKind: {}, added: 2 }], policy: "hack", model: null },
  };
}

/** Server-rendered HTML without React's text separators. */
const render = (el: ReturnType<typeof h>) => renderToString(h(QueryClientProvider, { client: new QueryClient() }, el)).replace(/<!-- -->/g, "");

describe("the round timeline's parts", () => {
  it("draw a closed round, the next round's input, the failure panel and a comparison from the records", () => {
    const [one, two] = [timelineRound(closedRound(1)), timelineRound(closedRound(2))];
    const column = render(h(RoundColumn, { round: one, isOpened: false, onOpenMap: () => {} }));
    for (const text of ["Round 1", "closed", "Appointment already happened", "3 of 6 trials failed", "gave in under pressure 2", 'refuse<span class="n">+3', "band kept 3/4 old", "pass 50% (number 50%)", "5 auto-approved", "Re-run from records"]) expect(column).toContain(text);

    const next: NextRoundPreview = { number: 3, basis: "from-output", policy: "hack", domains: [{ domain: D, snapshotId: 3, hash: "abcdef0123", train: 17, validation: 5, byKind: { refuse: 8 }, added: 3, addedByKind: { refuse: 3 }, dropped: 1 }], problems: [{ domain: D, count: 3, added: 2 }], notes: [] };
    const card = render(h(NextRoundCard, { projectId: 1, next, current: null }));
    for (const text of ["Will train on", "snapshot 3", "17 training cases", "Start round 3"]) expect(card).toContain(text);

    expect(render(h(FailurePanel, { round: one, onClose: () => {} }))).toContain("Round 1: where the policy fails");
    const compare = render(h(CompareRounds, { rounds: [one, two] }));
    for (const text of ["Training cases", "Weak nodes", "Appointment already happened (100%)", "+3 −1"]) expect(compare).toContain(text);
  });
});
