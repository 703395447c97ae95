"use client";
import type { PreviewResult } from "@/lib/generate/preview";

/** Three cases side by side, as the job would make them (nothing is stored). */
export function PreviewCases({ preview }: { preview: PreviewResult }) {
  const { usage } = preview;
  const cost = usage.unpricedCalls ? `cost unknown: no price set for the model (Settings)` : `$${usage.cost.toFixed(4)}`;
  return (
    <div className="card" style={{ marginTop: 16 }} data-testid="preview">
      <div className="spread">
        <h2 style={{ margin: 0 }}>Preview: {preview.items.length} of {preview.planned} cases</h2>
        <span className="muted" style={{ fontSize: 12.5 }}>
          {usage.calls ? `${usage.calls} call(s), ${usage.cachedCalls} from cache · ${(usage.promptTokens + usage.completionTokens).toLocaleString()} tokens · ${cost}` : "no LLM calls"}
        </span>
      </div>
      <div className="preview-grid">
        {preview.items.map((item, i) => (
          <div key={i} className="card preview-card" data-testid="preview-case">
            <div className="row" style={{ gap: 6, flexWrap: "wrap" }}>
              <span className={`badge ${item.outcome}`}>{item.outcome || "?"}</span>
              {item.ok && (item.case.proof?.verified ? <span className="badge execute">proof verified</span> : <span className="badge refuse">unverified</span>)}
              {item.ok && item.rounds === 2 && <span className="badge clarify" title={item.repairedIssues?.join("\n")}>repaired</span>}
              {item.ok && <span className="muted mono" style={{ fontSize: 11.5 }}>{item.generator}</span>}
            </div>
            <p className="muted" style={{ fontSize: 12, marginTop: 4 }}>{item.labels.slice(1).join(" › ")}</p>
            {!item.ok && <div className="alert error" style={{ fontSize: 12.5 }}>{item.error}</div>}
            {item.ok && (
              <>
                <h4>Persona</h4><p className="muted">{item.persona}</p>
                <h4>Request</h4><p className="request" data-testid="preview-task">{item.case.task}</p>
                <h4>Knows at the start</h4><p>{item.case.user_background || "—"}</p>
                <h4>Offers only when pushed</h4><p>{item.case.hack_success_user_background || "— (legal case)"}</p>
                <h4>Escape strategy</h4><p>{item.case.user_escape_strategy}</p>
              </>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
