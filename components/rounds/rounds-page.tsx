"use client";
import Link from "next/link";
import { useState } from "react";
import { ProjectForm } from "./project-form";
import { useProjects } from "./use-rounds";
import "./rounds.css";

/** Flywheel projects: each runs rounds (train, find failures, grow data there, train again). */
export function RoundsPage() {
  const projects = useProjects();
  const [isFormOpen, setFormOpen] = useState(false);
  const rows = projects.data ?? [];
  return (
    <div className="page">
      <div className="spread">
        <h1>Rounds</h1>
        {!isFormOpen && <button className="btn primary" onClick={() => setFormOpen(true)} data-testid="new-project">New project</button>}
      </div>
      <p className="lede">A project closes the loop: each round trains the policy, finds where it fails on the trees, grows verified data on those branches (and harder problems), and hands the next round exactly what it will train on.</p>
      {isFormOpen && <ProjectForm onCancel={() => setFormOpen(false)} />}
      {projects.error && <div className="alert error" role="alert">Could not load the projects: {projects.error.message}</div>}
      <div className="section">
        {projects.isPending ? (
          <p className="muted">Loading…</p>
        ) : rows.length === 0 ? (
          <p className="muted" data-testid="projects-empty">No projects yet. Create one on a domain with a tree: round 1 verifies and freezes its cases, then the loop runs.</p>
        ) : (
          <div className="card">
            <table className="simple" data-testid="projects-table">
              <thead><tr><th>Project</th><th>Domains</th><th>Backend</th><th>Base model</th><th>Review</th><th>Seed</th></tr></thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td><Link href={`/rounds/${p.id}`}>{p.name}</Link></td>
                    <td>{p.domains.join(", ")}</td>
                    <td>{p.backend}</td>
                    <td className="mono">{p.baseModel}</td>
                    <td>{p.settings.reviewRequired ? "required" : "—"}</td>
                    <td>{p.settings.seed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
