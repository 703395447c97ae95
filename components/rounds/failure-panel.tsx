"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { buildProposalView } from "@/components/editor/expand/proposal-view";
import { applyProposal } from "@/lib/tree/diff";
import { pct } from "@/components/train/format";
import { MessageList } from "@/components/train/message-list";
import { CATEGORY_LABELS, type FailureCategory } from "@/lib/rounds/categories";
import type { NodeFailureStat } from "@/lib/rounds/failure-map";
import { FailureCanvas, rateColor } from "./failure-canvas";
import { useNodeFailures, useProposalJob, useSaveTree, useTreeDoc, type TimelineRound } from "./use-rounds";

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function NodeTrajectories({ round, domain, stat }: { round: TimelineRound; domain: string; stat: NodeFailureStat }) {
  const failures = useNodeFailures(round.id, domain, stat.treeId, stat.nodeId);
  const personas = Object.entries(stat.personas).sort((a, b) => b[1] - a[1]);
  return (
    <div data-testid="node-detail">
      <h3>{stat.label}</h3>
      <div className="small">{stat.failures} of {stat.trials} trials through this node failed here ({pct(stat.rate)})</div>
      <div className="chips" style={{ margin: "4px 0" }}>{Object.entries(stat.categories).map(([c, n]) => <span key={c} className="badge">{CATEGORY_LABELS[c as FailureCategory]} <span className="n">{n}</span></span>)}</div>
      {personas.length > 0 && <div className="small muted">personas: {personas.map(([p, n]) => `${clip(p, 40)} (${n})`).join("; ")}</div>}
      <h4>Failing trajectories</h4>
      {failures.isPending && stat.failures > 0 ? <p className="muted small">Loading…</p> : failures.error ? <p className="alert error small">{failures.error.message}</p> : (
        <div className="trajectories" data-testid="node-trajectories">
          {(failures.data ?? []).length === 0 && <p className="muted small">No failure is located at this node.</p>}
          {(failures.data ?? []).map((f) => (
            <details key={`${f.caseId}:${f.trial}`} className="card" style={{ padding: 8 }}>
              <summary className="head">case {f.caseId} · trial {f.trial} · {f.outcome} — {f.failure.detail}</summary>
              <div className="small muted">{clip(f.persona, 140)}</div>
              <MessageList messages={f.messages as unknown as Record<string, unknown>[]} />
            </details>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * A round's failure map: a domain's tree with its nodes coloured by failure rate (and the
 * expander's proposal at the weak nodes as a diff, when there is one), the nodes as a table, and
 * a clicked node's failing trajectories.
 */
export function FailurePanel({ round, onClose }: { round: TimelineRound; onClose: () => void }) {
  const domains = Object.keys(round.maps);
  const [domain, setDomain] = useState(domains[0] ?? "");
  const map = round.maps[domain];
  const trees = useMemo(() => [...new Set((map?.nodes ?? []).map((n) => n.treeId).filter((t): t is number => t !== null))], [map]);
  const [picked, setPicked] = useState<number | null>(null);
  const treeId = picked ?? trees[0] ?? null;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [isProposalShown, setProposalShown] = useState(false);
  const tree = useTreeDoc(treeId);
  const stats = useMemo(() => new Map((map?.nodes ?? []).filter((n) => n.treeId === treeId).map((n) => [n.nodeId, n])), [map, treeId]);
  const proposal = (round.proposals[domain] ?? []).find((p) => p.treeId === treeId && p.jobId !== null) ?? null;
  const job = useProposalJob(proposal?.jobId ?? null);
  const view = useMemo(() => (isProposalShown && tree.data && job.data?.result ? buildProposalView(tree.data.document, job.data.result.doc, job.data.result.notes, "llm") : null), [isProposalShown, tree.data, job.data]);
  const save = useSaveTree(treeId);
  const acceptAdded = () => {
    if (!tree.data || !view) return;
    const document = applyProposal(tree.data.document, view.doc, view.diff.added);
    save.mutate({ document, revision: tree.data.revision, message: `expander proposal at round ${round.number}'s weak nodes (added branches)` }, { onSuccess: () => setProposalShown(false) });
  };
  const failing = [...stats.values()].filter((s) => s.failures > 0);
  const missing = tree.data ? failing.filter((s) => !tree.data.document.nodes[s.nodeId]) : [];
  const selected = selectedId ? stats.get(selectedId) ?? null : null;

  return (
    <section className="card failure-panel" data-testid="failure-panel">
      <div className="spread">
        <h2>Round {round.number}: where the policy fails</h2>
        <button className="btn small" onClick={onClose}>Close</button>
      </div>
      <div className="legend">
        {domains.length > 1 && <select value={domain} onChange={(e) => { setDomain(e.target.value); setPicked(null); setSelectedId(null); }}>{domains.map((d) => <option key={d}>{d}</option>)}</select>}
        {trees.length > 1 && <select value={treeId ?? ""} onChange={(e) => { setPicked(Number(e.target.value)); setSelectedId(null); }}>{trees.map((t) => <option key={t} value={t}>tree {t}</option>)}</select>}
        <span><span className="swatch" style={{ background: rateColor({ trials: 1, failures: 1, rate: 1 } as NodeFailureStat) }} />all failed</span>
        <span><span className="swatch" style={{ background: rateColor({ trials: 2, failures: 1, rate: 0.5 } as NodeFailureStat) }} />half</span>
        <span><span className="swatch" style={{ background: rateColor({ trials: 1, failures: 0, rate: 0 } as NodeFailureStat) }} />passed through</span>
        <span><span className="swatch" />not reached</span>
        {proposal && (
          <label><input type="checkbox" checked={isProposalShown} onChange={(e) => setProposalShown(e.target.checked)} disabled={!job.data?.result} data-testid="show-proposal" /> expander proposal ({job.data?.result ? `${view?.diff.added.length ?? "…"} added` : job.data?.progress.status ?? "loading"})</label>
        )}
      </div>
      {view && (
        <div className="legend" data-testid="proposal-actions">
          <span>{view.diff.added.length} added, {view.diff.changed.length} changed, {view.diff.removed.length} removed (dashed outlines)</span>
          <button className="btn small primary" onClick={acceptAdded} disabled={!view.diff.added.length || save.isPending} data-testid="accept-proposal">Add the {view.diff.added.length} new node(s) to the tree</button>
          {treeId !== null && <Link href={`/trees/${treeId}`}>open the tree in the editor ›</Link>}
          {save.error && <span className="alert error small">{save.error.message}</span>}
        </div>
      )}
      {save.data && <p className="alert ok small">Saved as revision {save.data.revision}{save.data.issues.length ? ` (${save.data.issues.length} issue(s): see the editor)` : ""}. The next round grows cases on its new branches once they are verified.</p>}
      {proposal === null && (round.proposals[domain] ?? []).some((p) => p.treeId === treeId) && <p className="muted small">{(round.proposals[domain] ?? []).find((p) => p.treeId === treeId)?.note}</p>}
      <div className="layout">
        <div>
          {tree.error ? <p className="alert error">Could not load tree {treeId}: {tree.error.message}</p> : tree.data ? (
            <FailureCanvas doc={view?.display ?? tree.data.document} layoutKey={`${treeId}@${tree.data.revision}${view ? `+${proposal?.jobId}` : ""}`} stats={stats} marks={view?.marks ?? null} selectedId={selectedId} onSelect={setSelectedId} />
          ) : <p className="muted">Loading the tree…</p>}
          {missing.length > 0 && <p className="muted small">Failures on nodes no longer in the tree: {missing.map((s) => s.label).join(", ")}</p>}
          <table className="simple" data-testid="failure-table" style={{ marginTop: 8 }}>
            <thead><tr><th>Node</th><th>Failed</th><th>Rate</th><th>How</th></tr></thead>
            <tbody>
              {failing.map((s) => (
                <tr key={s.nodeId} onClick={() => setSelectedId(s.nodeId)} style={{ cursor: "pointer" }} data-testid="failure-row">
                  <td>{s.label}</td><td>{s.failures}/{s.trials}</td><td style={{ background: rateColor(s) }}>{pct(s.rate)}</td>
                  <td className="small">{Object.keys(s.categories).map((c) => CATEGORY_LABELS[c as FailureCategory]).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>{selected ? <NodeTrajectories round={round} domain={domain} stat={selected} /> : <p className="muted">Click a node (or a row) to read the trajectories that failed there.</p>}</div>
      </div>
    </section>
  );
}
