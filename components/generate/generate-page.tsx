"use client";
import { useMemo, useState } from "react";
import { useDomains } from "@/components/domains/use-domains";
import type { GenerateInput } from "@/lib/generate/schema";
import { BranchPicker } from "./branch-picker";
import { GenerationRun } from "./generation-run";
import { PersonaSection } from "./persona-section";
import { PreviewCases } from "./preview-cases";
import { ProviderPanel } from "./provider-panel";
import { useBranches, useGenerateStatus, usePreview, useStartGeneration } from "./use-generate";
import "./generate.css";

/** Branch → test cases, in bulk: pick a tree, branches and personas, preview three, then run it as a job. */
export function GeneratePage() {
  const domains = useDomains();
  const status = useGenerateStatus();
  const [slugChoice, setSlug] = useState("");
  const [treeChoice, setTreeId] = useState<number | null>(null);
  /** The branch ticks, for the tree revision they were made on; any other tree starts with all branches ticked. */
  const [ticks, setTicks] = useState<{ key: string; ids: Set<string> } | null>(null);
  const [casesPerBranch, setCasesPerBranch] = useState(1);
  const [personaCount, setPersonaCount] = useState(8);
  const [seed, setSeed] = useState(1);
  const [useLlm, setUseLlm] = useState<boolean | null>(null);
  const [model, setModel] = useState("");
  const [jobId, setJobId] = useState<number | null>(null);
  const preview = usePreview();
  const start = useStartGeneration();

  // the first domain and its first tree until the curator picks others
  const slug = slugChoice || domains.data?.domains[0]?.slug || "";
  const domain = domains.data?.domains.find((d) => d.slug === slug);
  const treeId = domain?.trees.some((t) => t.id === treeChoice) ? treeChoice : (domain?.trees[0]?.id ?? null);
  const branches = useBranches(treeId);
  const writer = status.data?.writer;
  const llmOn = useLlm ?? Boolean(writer?.configured);

  const all = useMemo(() => branches.data?.branches ?? [], [branches.data]);
  const tickKey = branches.data ? `${branches.data.tree.id}@${branches.data.tree.revision}` : "";
  const selected = useMemo(() => (ticks && ticks.key === tickKey ? ticks.ids : new Set(all.map((b) => b.id))), [ticks, tickKey, all]);
  const setSelected = (ids: Set<string>) => setTicks({ key: tickKey, ids });
  const total = selected.size * casesPerBranch;
  const input: GenerateInput | null =
    !slug || treeId === null || selected.size === 0
      ? null
      : {
          domainSlug: slug, treeId, casesPerBranch, useLlm: llmOn,
          branchIds: selected.size === all.length ? "all" : all.filter((b) => selected.has(b.id)).map((b) => b.id),
          personaSample: { count: personaCount, seed },
          ...(llmOn && model.trim() ? { models: { writer: model.trim() } } : {}),
        };

  return (
    <div className="page" style={{ maxWidth: 1280 }}>
      <h1>Generate test cases</h1>
      <p className="lede">Every case is synthesized from a branch and proven by executing its tools; the LLM writer, when on, only rewords the user&apos;s side in a persona&apos;s voice, and the rewrite is checked again.</p>
      <div className="generate-layout">
        <div className="card">
          <h2>What to generate</h2>
          <div className="row">
            <label className="field" style={{ flex: 1 }}><span>Domain</span>
              <select value={slug} onChange={(e) => { setSlug(e.target.value); setTreeId(null); }} data-testid="generate-domain">
                {domains.data?.domains.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
              </select>
            </label>
            <label className="field" style={{ flex: 1.5 }}><span>Tree</span>
              <select value={treeId ?? ""} onChange={(e) => setTreeId(Number(e.target.value))} data-testid="generate-tree">
                {domain?.trees.map((t) => <option key={t.id} value={t.id}>{t.name} (rev {t.revision})</option>)}
              </select>
            </label>
          </div>
          <label className="field row" style={{ gap: 8 }}>
            <span style={{ margin: 0 }}>Cases per branch</span>
            <input type="number" min={1} max={100} value={casesPerBranch} onChange={(e) => setCasesPerBranch(Math.min(100, Math.max(1, Number(e.target.value) || 1)))} style={{ width: 80 }} data-testid="cases-per-branch" />
            <span className="muted" style={{ fontSize: 12.5, fontWeight: 400 }}>each copy gets its own data and persona</span>
          </label>
          {domain && domain.trees.length === 0 && <p className="muted">This domain has no tree yet.</p>}
          {branches.error && <div className="alert error">{branches.error.message}</div>}
          {branches.data && <BranchPicker branches={all} selected={selected} onChange={setSelected} />}
        </div>
        <div className="generate-side">
          <ProviderPanel writer={writer} useLlm={llmOn} onUseLlm={setUseLlm} model={model} onModel={setModel} />
          <PersonaSection count={personaCount} seed={seed} onCount={setPersonaCount} onSeed={setSeed} />
        </div>
      </div>

      <div className="action-bar">
        <button className="btn" disabled={!input || preview.isPending} onClick={() => input && preview.mutate(input)} data-testid="preview-3">
          {preview.isPending ? "Previewing…" : "Preview 3"}
        </button>
        <button className="btn primary" disabled={!input || start.isPending} onClick={() => input && start.mutate(input, { onSuccess: (r) => setJobId(r.job.id) })} data-testid="generate-start">
          {start.isPending ? "Starting…" : `Generate ${total} case${total === 1 ? "" : "s"}`}
        </button>
        <span className="muted">
          {selected.size} branch{selected.size === 1 ? "" : "es"} × {casesPerBranch} · {personaCount} personas (seed {seed}) · {llmOn ? `LLM writer${writer?.model ? ` (${model.trim() || writer.model})` : ""}` : "deterministic wording"}
        </span>
      </div>
      {(preview.error || start.error) && <div className="alert error" data-testid="generate-error">{(preview.error ?? start.error)!.message}</div>}
      {jobId !== null && <GenerationRun jobId={jobId} domainSlug={slug} />}
      {preview.data && <PreviewCases preview={preview.data} />}
    </div>
  );
}
