"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCreateDomain } from "./use-domains";

const slugify = (s: string) => s.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);

export function NewDomainForm() {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [description, setDescription] = useState("");
  const create = useCreateDomain();
  const router = useRouter();
  const effectiveSlug = slug || slugify(name);

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate(
      { slug: effectiveSlug, name: name.trim(), description, policy: "", tools: [], userFacts: [], db: {} },
      { onSuccess: (r) => router.push(`/domains/${r.domain.slug}`) },
    );
  };

  return (
    <form className="card" onSubmit={onSubmit} style={{ maxWidth: 560 }}>
      <label className="field"><span>Name</span><input value={name} onChange={(e) => setName(e.target.value)} placeholder="Airline reservations" data-testid="domain-name" /></label>
      <label className="field"><span>Slug</span><input value={slug} onChange={(e) => setSlug(e.target.value)} placeholder={slugify(name) || "airline"} data-testid="domain-slug" /></label>
      <label className="field"><span>Description</span><input value={description} onChange={(e) => setDescription(e.target.value)} data-testid="domain-description" /></label>
      <p className="muted" style={{ fontSize: 12.5 }}>Tools, database and policy are edited on the domain page after it is created.</p>
      {create.error && <div className="alert error" data-testid="create-domain-error">{create.error.message}</div>}
      <button className="btn primary" type="submit" disabled={!name.trim() || !effectiveSlug || create.isPending} data-testid="create-domain">Create domain</button>
    </form>
  );
}
