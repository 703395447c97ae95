"use client";
import Link from "next/link";
import { useDomains } from "./use-domains";
import { OutcomeBadges } from "./outcome-badges";

export function DomainList() {
  const { data, error, isLoading } = useDomains();
  if (isLoading) return <p className="muted">Loading domains…</p>;
  if (error) return <div className="alert error">{error.message}</div>;
  const domains = data?.domains ?? [];
  if (domains.length === 0) return <p className="muted">No domains yet. Create one to start.</p>;
  return (
    <div className="cards" data-testid="domain-list">
      {domains.map((d) => (
        <div key={d.slug} className="card" data-testid={`domain-${d.slug}`}>
          <div className="spread">
            <h2>
              <Link href={`/domains/${d.slug}`}>{d.name}</Link>
            </h2>
            <span className="muted mono">{d.slug}</span>
          </div>
          <p className="muted" style={{ margin: "0 0 10px" }}>{d.description || "No description."}</p>
          <p className="muted" style={{ margin: "0 0 8px", fontSize: 12.5 }}>
            {d.tools} tools · {d.tables} tables · {d.trees.length} tree{d.trees.length === 1 ? "" : "s"}
          </p>
          {d.trees.map((t) => (
            <div key={t.id} style={{ borderTop: "1px solid var(--line)", padding: "8px 0 2px" }}>
              <div className="spread">
                <Link href={`/trees/${t.id}`}>{t.name}</Link>
                <span className="muted" style={{ fontSize: 12 }}>
                  {t.branches} branches · rev {t.revision}
                </span>
              </div>
              <div style={{ marginTop: 4 }}>
                <OutcomeBadges outcomes={t.outcomes} />
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
