"use client";
import type { LlmSettingsView } from "@/app/api/settings/llm/view";
import { useClearLlmCache } from "./use-llm-settings";

/** What runs now (saved settings over the environment), each role's readiness, and the response cache. */
export function LlmStatus({ view }: { view: LlmSettingsView }) {
  const clear = useClearLlmCache();
  return (
    <div style={{ marginTop: 18, borderTop: "1px solid var(--line)", paddingTop: 12 }} data-testid="llm-status">
      <h3>In effect now</h3>
      {view.error && <div className="alert error">{view.error}</div>}
      {view.effective && (
        <p className="muted" style={{ margin: "0 0 6px" }}>
          {view.effective.baseUrl ?? "no base URL"} · key {view.effective.hasKey ? "set" : "none"} · {view.effective.maxConcurrency} concurrent calls
        </p>
      )}
      <table className="simple">
        <tbody>
          {Object.values(view.readiness).map((r) => (
            <tr key={r.role}>
              <td style={{ width: 100 }}><strong>{r.role}</strong></td>
              <td>{r.configured ? <><span className="badge execute">ready</span> {r.model}</> : <><span className="badge refuse">not configured</span> <span className="muted">missing {r.missing.join("; ")}</span></>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: 10 }}>
        <span className="muted">Response cache: {view.cache.entries.toLocaleString()} answer(s), {view.cache.hits.toLocaleString()} reuse(s). A re-run pays only for what is not in it.</span>
        <button className="btn small" onClick={() => clear.mutate()} disabled={clear.isPending || view.cache.entries === 0}>Clear cache</button>
      </div>
    </div>
  );
}
