import { caseRowsById } from "@/db/queries/round-data";
import { setDomainResult } from "@/db/queries/rounds";
import type { TestCase } from "@/lib/cases/schema";
import { proveCase } from "@/lib/synth";
import type { StepContext, StepOutcome } from "../context";
import { domainSpec, inputsOf, revisionCache } from "../context";

/**
 * Verify: every new case is proven again, now, against its domain as it stands and the tree
 * revision it was made from (a domain edited since generation shows up here); a case passes only
 * when both its stored proof and this one hold. Failures keep their reasons.
 */
export async function verifyStep(ctx: StepContext): Promise<StepOutcome> {
  const { db } = ctx;
  const round = ctx.round();
  const parts: string[] = [];
  for (const snap of inputsOf(round).snapshots) {
    const ids = round.results.generated?.[snap.domain]?.caseIds ?? [];
    const spec = domainSpec(db, snap.domain);
    const docOf = revisionCache(db);
    const verified: number[] = [];
    const unverified: { caseId: number; reason: string }[] = [];
    for (const row of caseRowsById({ db, ids })) {
      ctx.signal.throwIfAborted();
      const tc = row.data as unknown as TestCase;
      const proof = proveCase(tc, spec, docOf(row.treeId, row.treeRevision) ?? undefined);
      if (row.status === "verified" && proof.verified) verified.push(row.id);
      else unverified.push({ caseId: row.id, reason: row.status !== "verified" ? `stored proof failed: ${row.reason}` : proof.reasons.join("; ") });
    }
    setDomainResult({ db, id: round.id, group: "verification", domain: snap.domain, value: { verified, unverified } });
    parts.push(`${snap.domain}: ${verified.length} of ${ids.length} verified`);
  }
  return { status: "done", note: parts.join("; ") };
}
