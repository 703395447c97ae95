"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useDomainSlugs, useSnapshots } from "@/components/datasets/use-datasets";
import { defaultDraft, draftToSpec, PROBLEM_CONTEXT, withBackend, type RoundDraft } from "./round-draft";
import { GrpoFields, grpoSummary, ScheduleFields } from "./setting-fields";
import { useBackends, useStartRound, useVerifiedProblemCount } from "./use-train";
import type { Backend } from "@/lib/train/protocol";

/** "New round": backend, dataset, model size, GRPO settings and schedule; opens the run once queued. */
export function RoundForm({ initialModelPath = "", initialBackend = "builtin", onCancel }: { initialModelPath?: string; initialBackend?: Backend; onCancel?: () => void }) {
  const router = useRouter();
  const backends = useBackends();
  const domains = useDomainSlugs();
  const snapshots = useSnapshots();
  const start = useStartRound();
  const [draft, setDraft] = useState<RoundDraft>(() => ({ ...defaultDraft("", initialBackend), modelPath: initialModelPath }));
  const set = (patch: Partial<RoundDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const choices = [
    ...(domains.data?.domains ?? []).map((d) => ({ value: `domain:${d.slug}`, label: `${d.name} — verified cases (split now)` })),
    ...(snapshots.data?.snapshots ?? []).map((s) => ({ value: `snapshot:${s.id}`, label: `${s.name} — snapshot, ${s.train} train / ${s.validation} val.` })),
  ];
  const dataset = draft.dataset || choices[0]?.value || "";
  const datasetDomain = dataset.startsWith("domain:") ? dataset.slice("domain:".length) : (snapshots.data?.snapshots.find((s) => `snapshot:${s.id}` === dataset)?.domainSlug ?? null);
  const problemCount = useVerifiedProblemCount(datasetDomain).data ?? 0;
  const withProblems = draft.withProblems && problemCount > 0;
  const isBuiltin = draft.backend === "builtin";
  const unavailable = (backends.data ?? []).filter((b) => !b.available);
  const chosen = backends.data?.find((b) => b.backend === draft.backend);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ ...draftToSpec({ ...draft, dataset, withProblems }), withProblems }, { onSuccess: (run) => router.push(`/train/${run.id}`) });
  };

  return (
    <form className="card round-form" onSubmit={submit} data-testid="round-form">
      <h2>New round</h2>
      {domains.error && <div className="alert error">Could not load the domains: {domains.error.message}</div>}
      <div className="fields">
        <label className="field">
          <span>Backend</span>
          <select value={draft.backend} onChange={(e) => setDraft((d) => withBackend(d, e.target.value as RoundDraft["backend"]))} data-testid="round-backend">
            {(backends.data ?? [{ backend: "builtin", available: true, reason: "" }]).map((b) => (
              <option key={b.backend} value={b.backend} disabled={!b.available}>{b.backend}{b.available ? "" : " (unavailable)"}</option>
            ))}
          </select>
          <small>{chosen?.reason}</small>
          <small>Switching resets the model, schedule and GRPO fields to the backend&apos;s defaults.</small>
        </label>
        <label className="field" style={{ gridColumn: "span 2" }}>
          <span>Dataset</span>
          <select value={dataset} onChange={(e) => set({ dataset: e.target.value })} data-testid="round-dataset">
            {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
          <small>A domain trains on its verified cases, split by persona and branch now; a snapshot (Datasets page) brings a frozen split.</small>
        </label>
        <label className="field" title={problemCount ? undefined : "Generate problems on the Reasoning page first"}>
          <span>Reasoning problems</span>
          <div>
            <input type="checkbox" checked={withProblems} disabled={!problemCount} onChange={(e) => set({ withProblems: e.target.checked })} data-testid="round-with-problems" />
            {" "}also train on its {problemCount} verified problem{problemCount === 1 ? "" : "s"}
          </div>
          <small>{withProblems && isBuiltin ? `Held out by family; the built-in policy gets a ${PROBLEM_CONTEXT}-token context (a problem's reads are long).` : "Held out by family (a problem and its variants stay on one side)."}</small>
        </label>
        <label className="field">
          <span>Name (optional)</span>
          <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="backend on dataset" data-testid="round-name" />
        </label>
      </div>

      <h3>Model</h3>
      <div className="fields">
        {isBuiltin ? (
          <>
            <label className="field"><span>Width (dModel)</span><input type="number" min={8} step={8} value={draft.dModel} onChange={(e) => set({ dModel: e.target.value })} data-testid="model-dModel" /><small>Hidden size of the built-in transformer; a multiple of its 4 heads.</small></label>
            <label className="field"><span>Layers</span><input type="number" min={1} value={draft.layers} onChange={(e) => set({ layers: e.target.value })} data-testid="model-layers" /><small>Transformer blocks. Small models train in minutes on a CPU.</small></label>
            <label className="field" style={{ gridColumn: "span 2" }}><span>Continue from checkpoint (optional)</span><input value={draft.modelPath} placeholder="empty: a fresh policy" onChange={(e) => set({ modelPath: e.target.value })} data-testid="model-path" /><small>A checkpoint folder of an earlier built-in round: the next turn of the flywheel.</small></label>
          </>
        ) : (
          <>
            <label className="field" style={{ gridColumn: "span 2" }}>
              <span>Model</span>
              <input value={draft.modelPath} list="hf-models" placeholder="/models/Qwen3-0.6B (a checkpoint folder) or tiny-qwen3" onChange={(e) => set({ modelPath: e.target.value })} data-testid="model-path" />
              <datalist id="hf-models"><option value="tiny-qwen3">a random-weight Qwen3 for trying the pipeline</option></datalist>
              <small>A Hugging Face checkpoint folder on this machine (config.json and weights; the hub is not reached), or <code>tiny-qwen3</code>: random weights, learns nothing, runs in a minute on a CPU.</small>
            </label>
            {draft.backend === "trl" && (
              <>
                <label className="field"><span>LoRA</span><input type="checkbox" checked={draft.lora} onChange={(e) => set({ lora: e.target.checked })} data-testid="model-lora" /><small>Train a low-rank adapter (peft) instead of every weight.</small></label>
                <label className="field"><span>LoRA rank</span><input type="number" min={1} value={draft.loraRank} disabled={!draft.lora} onChange={(e) => set({ loraRank: e.target.value })} data-testid="model-lora-rank" /><small>Adapter rank r (alpha = 2r). LoRA wants a higher learning rate than a full fine-tune: about 1e-5–5e-5.</small></label>
              </>
            )}
          </>
        )}
      </div>

      <h3>Schedule</h3>
      <ScheduleFields values={draft.schedule} onChange={(k, v) => set({ schedule: { ...draft.schedule, [k]: v } })}>
        <label className="field"><span>Seed</span><input type="number" min={0} value={draft.seed} onChange={(e) => set({ seed: e.target.value })} data-testid="round-seed" /><small>Fixes the split, sampling and initial weights.</small></label>
      </ScheduleFields>

      <details>
        <summary>GRPO settings <span className="muted" style={{ fontWeight: 400 }}>— {grpoSummary(draft.grpo)}</span></summary>
        <GrpoFields values={draft.grpo} onChange={(k, v) => set({ grpo: { ...draft.grpo, [k]: v } })} />
      </details>

      {unavailable.length > 0 && (
        <p className="muted" data-testid="unavailable-backends">
          {unavailable.map((b) => <span key={b.backend} style={{ display: "block" }}><strong>{b.backend}</strong> is unavailable: {b.reason}</span>)}
        </p>
      )}
      {start.error && <div className="alert error" role="alert">{start.error.message}</div>}
      {!choices.length && !domains.isPending && <div className="alert warn">No domains yet: add one on the Domains page and verify its cases first.</div>}
      <button className="btn primary" type="submit" disabled={start.isPending || !dataset} data-testid="round-start">
        {start.isPending ? "Starting…" : "Start round"}
      </button>
      {onCancel && <button className="btn" type="button" onClick={onCancel} style={{ marginLeft: 8 }}>Cancel</button>}
    </form>
  );
}
