"use client";
import Link from "next/link";
import { JobProgressView } from "@/components/jobs/job-progress";
import { useJobProgress } from "@/components/jobs/use-job";
import { useGeneratedItems } from "./use-generate";

/** A running generation: live progress (shared job view), then links to what it made. */
export function GenerationRun({ jobId, domainSlug }: { jobId: number; domainSlug: string }) {
  const progress = useJobProgress(jobId).data;
  const isActive = !progress || progress.status === "queued" || progress.status === "running";
  const made = useGeneratedItems(jobId, progress?.status).data;
  const cases = made?.items.filter((i) => i.caseId !== null) ?? [];
  return (
    <div style={{ marginTop: 16 }} data-testid="generation-run">
      <JobProgressView id={jobId} title="Generating cases" />
      {!isActive && (
        <div className="alert ok" data-testid="generation-done">
          {cases.length} case(s) stored. <Link href={`/domains/${domainSlug}/cases`} data-testid="domain-cases-link">Open the domain&apos;s cases →</Link>
        </div>
      )}
      {cases.length > 0 && (
        <div className="card" style={{ marginTop: 8 }}>
          <h3>Made so far</h3>
          <div className="row" style={{ flexWrap: "wrap", gap: 6 }} data-testid="generated-cases">
            {cases.slice(0, 60).map((c) => (
              <Link key={c.idx} href={`/cases/${c.caseId}`} className={`badge ${c.verified ? "execute" : "refuse"}`} title={`${c.generator} · persona ${c.personaId}`}>
                case {c.caseId}
              </Link>
            ))}
            {cases.length > 60 && <span className="muted">and {cases.length - 60} more</span>}
          </div>
        </div>
      )}
    </div>
  );
}
