"use client";
import { useState } from "react";
import { useDomains } from "@/components/domains/use-domains";
import { JobProgressView } from "@/components/jobs/job-progress";
import { SelectField } from "./select-field";
import { policyLabel } from "./policy-label";
import { flywheelJobTitle, type FlywheelJobRow } from "./flywheel-jobs";
import { useFlywheelJobs, useGenerate, useHarden, useProblemEvals, useRefreshWhenDone, useStartEval } from "./use-reasoning";

const pct = (x: number | undefined) => (x === undefined ? "–" : `${Math.round(x * 100)}%`);

/** A started job's progress; when it ends, the page shows what it stored. */
function FlywheelJob({ job }: { job: FlywheelJobRow }) {
  useRefreshWhenDone(job.id);
  return <JobProgressView id={job.id} {...flywheelJobTitle(job)} />;
}

/** The flywheel's three steps as durable jobs: generate problems, evaluate a policy, harden its failures. */
export function FlywheelActions({ initialAgent, initialDomain }: { initialAgent?: string; initialDomain?: string } = {}) {
  const domains = useDomains().data?.domains ?? [];
  const evals = useProblemEvals().data ?? [];
  const [domain, setDomain] = useState(initialDomain ?? "");
  const [count, setCount] = useState(20);
  const [seed, setSeed] = useState(0);
  const [agent, setAgent] = useState(initialAgent ?? "budget:3");
  const [samples, setSamples] = useState(1);
  const [round, setRound] = useState(0);
  const [evalId, setEvalId] = useState("");
  const [threshold, setThreshold] = useState(0.5);
  const jobs = useFlywheelJobs().data ?? [];
  const generate = useGenerate();
  const evaluate = useStartEval();
  const harden = useHarden();
  const slug = (domains.some((d) => d.slug === domain) ? domain : "") || domains[0]?.slug || "";
  const failure = generate.error ?? evaluate.error ?? harden.error;
  const domainEvals = evals.filter((e) => e.domain === slug);
  // an evaluation picked under another domain does not carry over
  const picked = domainEvals.some((e) => String(e.id) === evalId) ? evalId : "";

  return (
    <div className="card flywheel-actions" data-testid="flywheel-actions">
      <h2>Flywheel</h2>
      <div className="reasoning-filters">
        <SelectField label="Domain" value={slug} onChange={setDomain} options={domains.map((d) => [d.slug, d.name])} testId="action-domain" />
      </div>
      <div className="action-grid">
        <div>
          <h3>1 · Generate</h3>
          <label className="field"><span>Problems</span><input type="number" min={1} max={2000} value={count} onChange={(e) => setCount(Number(e.target.value))} data-testid="generate-count" /></label>
          <label className="field"><span>Seed</span><input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} data-testid="generate-seed" /></label>
          <button className="btn primary" disabled={!slug || generate.isPending} onClick={() => generate.mutate({ domain: slug, count, seed, round: 0 })} data-testid="generate-button">Generate</button>
        </div>
        <div>
          <h3>2 · Evaluate</h3>
          <label className="field"><span>Agent</span><input value={agent} onChange={(e) => setAgent(e.target.value)} placeholder="oracle, budget:3, openai:MODEL, builtin:DIR" data-testid="eval-agent" /></label>
          <label className="field"><span>Samples (k)</span><input type="number" min={1} max={64} value={samples} onChange={(e) => setSamples(Number(e.target.value))} /></label>
          <label className="field"><span>Policy round</span><input type="number" min={0} value={round} onChange={(e) => setRound(Number(e.target.value))} /></label>
          <button className="btn" disabled={!slug || evaluate.isPending} onClick={() => evaluate.mutate({ domain: slug, agent, samples, round })} data-testid="eval-button">Evaluate</button>
        </div>
        <div>
          <h3>3 · Harden failures</h3>
          <label className="field">
            <span>From evaluation</span>
            <select value={picked} onChange={(e) => setEvalId(e.target.value)} data-testid="harden-eval">
              <option value="">pick one</option>
              {domainEvals.map((e) => <option key={e.id} value={e.id}>#{e.id} {policyLabel(e.policy)} · {pct(e.summary?.pass_rate)} pass · round {e.round}</option>)}
            </select>
          </label>
          <label className="field"><span>Pass rate under</span><input type="number" min={0} max={1} step={0.1} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} /></label>
          {domainEvals.length === 0 && <p className="muted hint" data-testid="harden-hint">Evaluate first: hardening starts from an evaluation&apos;s failures.</p>}
          <button className="btn" disabled={!picked || harden.isPending} onClick={() => harden.mutate({ domain: slug, evalId: Number(picked), threshold, minSamples: 1, seed })} data-testid="harden-button">Harden</button>
        </div>
      </div>
      {failure && <div className="alert error" role="alert">{failure.message}</div>}
      {jobs.map((j) => <FlywheelJob key={j.id} job={j} />)}
    </div>
  );
}
