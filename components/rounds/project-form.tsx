"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useDomainSlugs } from "@/components/datasets/use-datasets";
import { PROJECT_BACKENDS, type ProjectBackend } from "@/lib/rounds/schema";
import { useCreateProject } from "./use-rounds";

const BACKEND_HINTS: Record<ProjectBackend, string> = {
  builtin: "the built-in policy, trained here on CPU (WebGPU where present)",
  trl: "TRL on a Hugging Face model (needs `flywheel trainer setup`)",
  "verl-ray": "verl on a Ray cluster; evaluate through a served endpoint",
  none: "no training: evaluate an agent (openai:<model>, oracle, hack) and grow data where it fails",
};

/** "New project": name, domains, backend and base model, review, selection band, seed, trials. */
export function ProjectForm({ onCancel }: { onCancel: () => void }) {
  const router = useRouter();
  const domains = useDomainSlugs();
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const [backend, setBackend] = useState<ProjectBackend>("builtin");
  const [baseModel, setBaseModel] = useState("scratch");
  const [reviewRequired, setReviewRequired] = useState(true);
  const [band, setBand] = useState({ min: 0, max: 0.99 });
  const [seed, setSeed] = useState(1);
  const [trials, setTrials] = useState(2);
  const [steps, setSteps] = useState(20);
  const [solver, setSolver] = useState("budget:2");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, domains: picked, backend, baseModel, settings: { reviewRequired, band, seed, trials, train: { steps }, reasoning: { policy: solver } } },
      { onSuccess: (p) => router.push(`/rounds/${p.id}`) },
    );
  };
  const toggle = (slug: string) => setPicked((p) => (p.includes(slug) ? p.filter((s) => s !== slug) : [...p, slug]));

  return (
    <form className="card project-form" onSubmit={submit} data-testid="project-form">
      <h2>New project</h2>
      <div className="fields">
        <label className="field"><span>Name</span><input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="project-name" required /></label>
        <label className="field">
          <span>Backend</span>
          <select value={backend} onChange={(e) => { const b = e.target.value as ProjectBackend; setBackend(b); setBaseModel(b === "none" ? "hack" : "scratch"); }} data-testid="project-backend">
            {PROJECT_BACKENDS.map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
          <small className="muted">{BACKEND_HINTS[backend]}</small>
        </label>
        <label className="field"><span>{backend === "none" ? "Agent" : "Base model"}</span><input type="text" value={baseModel} onChange={(e) => setBaseModel(e.target.value)} data-testid="project-base-model" /></label>
        <label className="field"><span>Seed</span><input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} /></label>
        <label className="field"><span>Trials per case (k)</span><input type="number" min={1} max={16} value={trials} onChange={(e) => setTrials(Number(e.target.value))} /></label>
        {backend !== "none" && <label className="field"><span>Training steps per round</span><input type="number" min={0} value={steps} onChange={(e) => setSteps(Number(e.target.value))} /></label>}
        <label className="field">
          <span>Problem solver</span>
          <input type="text" list="problem-solvers" value={solver} onChange={(e) => setSolver(e.target.value)} data-testid="project-solver" />
          <datalist id="problem-solvers">
            <option value="budget:2">a reference solver with two reads</option>
            {backend !== "none" && <option value="trained">the checkpoint each round trains</option>}
            <option value="oracle">the reference solver</option>
          </datalist>
          <small className="muted">Whose failed problems are hardened each round: <code>trained</code> for the round&apos;s own checkpoint, or an agent spec.</small>
        </label>
        <label className="field">
          <span>Selection band (pass rate kept)</span>
          <span style={{ display: "flex", gap: 6 }}>
            <input type="number" step={0.01} min={0} max={1} value={band.min} onChange={(e) => setBand({ ...band, min: Number(e.target.value) })} aria-label="band min" />
            <input type="number" step={0.01} min={0} max={1} value={band.max} onChange={(e) => setBand({ ...band, max: Number(e.target.value) })} aria-label="band max" />
          </span>
        </label>
        <label className="field"><span>Review</span><label><input type="checkbox" checked={reviewRequired} onChange={(e) => setReviewRequired(e.target.checked)} data-testid="project-review" /> new data waits for reviewers</label></label>
      </div>
      <div className="field domains">
        <span className="muted small">Domains</span>
        <div>{(domains.data?.domains ?? []).map((d) => <label key={d.slug}><input type="checkbox" checked={picked.includes(d.slug)} onChange={() => toggle(d.slug)} data-testid={`project-domain-${d.slug}`} /> {d.name}</label>)}</div>
      </div>
      {create.error && <div className="alert error" role="alert">{create.error.message}</div>}
      <div className="spread" style={{ justifyContent: "flex-end", marginTop: 10 }}>
        <button type="button" className="btn" onClick={onCancel}>Cancel</button>
        <button type="submit" className="btn primary" disabled={!name || !picked.length || create.isPending} data-testid="project-create">Create project</button>
      </div>
    </form>
  );
}
