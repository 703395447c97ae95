"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCreateTree, useDomain } from "./use-domains";
import { DomainEditor } from "./domain-editor";

export function DomainPage({ slug }: { slug: string }) {
  const { data, error, isLoading } = useDomain(slug);
  const createTree = useCreateTree(slug);
  const router = useRouter();
  const [treeName, setTreeName] = useState("");
  if (isLoading) return <div className="page muted">Loading…</div>;
  if (error || !data) return <div className="page"><div className="alert error">{error?.message ?? "Not found"}</div></div>;
  const { domain, trees } = data;

  const onCreate = (e: React.FormEvent) => {
    e.preventDefault();
    if (!treeName.trim()) return;
    createTree.mutate(treeName.trim(), { onSuccess: (r) => router.push(`/trees/${r.tree.id}`) });
  };

  return (
    <div className="page">
      <p className="muted" style={{ margin: 0 }}><Link href="/">Domains</Link> / {domain.slug}</p>
      <div className="spread">
        <h1>{domain.name}</h1>
        <Link className="btn" href={`/domains/${domain.slug}/cases`} data-testid="domain-cases-link">Test cases →</Link>
      </div>
      <p className="lede">{domain.description}</p>
      <div className="card" style={{ marginBottom: 16 }}>
        <h2>Behavior trees</h2>
        <table className="simple" data-testid="tree-table">
          <thead><tr><th>Name</th><th>Revision</th><th>Updated</th></tr></thead>
          <tbody>
            {trees.map((t) => (
              <tr key={t.id}>
                <td><Link href={`/trees/${t.id}`}>{t.name}</Link></td>
                <td>{t.revision}</td>
                <td className="muted">{new Date(t.updatedAt).toLocaleString()}</td>
              </tr>
            ))}
            {trees.length === 0 && <tr><td colSpan={3} className="muted">No trees yet.</td></tr>}
          </tbody>
        </table>
        <form className="row" style={{ marginTop: 12 }} onSubmit={onCreate}>
          <input placeholder="New tree name, e.g. Cancel a reservation" value={treeName} onChange={(e) => setTreeName(e.target.value)} data-testid="new-tree-name" style={{ maxWidth: 380 }} />
          <button className="btn primary" type="submit" disabled={!treeName.trim() || createTree.isPending} data-testid="create-tree">Create tree</button>
        </form>
        {createTree.error && <div className="alert error">{createTree.error.message}</div>}
      </div>
      <DomainEditor key={domain.updatedAt} spec={domain} />
    </div>
  );
}
