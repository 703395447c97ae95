"use client";
import { useState, type FormEvent } from "react";
import { useCreateSnapshot, useDomainSlugs } from "./use-datasets";

/** "New snapshot": freezes a domain's verified (or approved) cases with a seeded split. Admins only (the API says so otherwise). */
export function SnapshotForm({ onCreated }: { onCreated: (id: number) => void }) {
  const domains = useDomainSlugs();
  const create = useCreateSnapshot();
  const [domainSlug, setDomain] = useState("");
  const [approvedOnly, setApproved] = useState(false);
  const [seed, setSeed] = useState("1");
  const [ratio, setRatio] = useState("0.1");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const slug = domainSlug || domains.data?.domains[0]?.slug || "";
    create.mutate({ domainSlug: slug, approvedOnly, seed: Number(seed), validationRatio: Number(ratio) }, { onSuccess: (r) => onCreated(r.snapshot.id) });
  };

  return (
    <form className="card snapshot-form" onSubmit={submit} data-testid="snapshot-form">
      <h2>New snapshot</h2>
      <div className="row">
        <label>
          Domain{" "}
          <select value={domainSlug} onChange={(e) => setDomain(e.target.value)} data-testid="snapshot-domain">
            {(domains.data?.domains ?? []).map((d) => (
              <option key={d.slug} value={d.slug}>{d.name}</option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={approvedOnly} onChange={(e) => setApproved(e.target.checked)} data-testid="snapshot-approved" /> Approved only
        </label>
        <label>
          Seed <input type="number" step="1" value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: "6em" }} data-testid="snapshot-seed" />
        </label>
        <label>
          Validation ratio <input type="number" min="0" max="1" step="0.05" value={ratio} onChange={(e) => setRatio(e.target.value)} style={{ width: "6em" }} data-testid="snapshot-ratio" />
        </label>
        <button className="btn" type="submit" disabled={create.isPending || !domains.data} data-testid="snapshot-create">
          {create.isPending ? "Freezing…" : "Create snapshot"}
        </button>
      </div>
      {create.error && <p className="alert" role="alert">{create.error.message}</p>}
      <p className="muted">Takes every verified case of the domain (only approved ones when asked), splits it with the seed so no persona or branch straddles train and validation, and freezes a copy of each case.</p>
    </form>
  );
}
