"use client";
import Link from "next/link";
import type { LlmReadiness } from "@/lib/generate/readiness";

/**
 * The writer model that will reword the cases, or exactly what is missing for it; the
 * deterministic generator (template wording, same proofs) needs nothing.
 */
export function ProviderPanel({ writer, useLlm, onUseLlm, model, onModel }: {
  writer: LlmReadiness | undefined;
  useLlm: boolean;
  onUseLlm: (on: boolean) => void;
  model: string;
  onModel: (m: string) => void;
}) {
  return (
    <div className="card" data-testid="provider-panel">
      <h2>Wording</h2>
      {!writer && <p className="muted">Checking the provider…</p>}
      {writer && !writer.configured && (
        <div className="alert warn" data-testid="llm-not-configured">
          <strong>The LLM writer is not configured.</strong> Missing {writer.missing.join("; ")}.
          <div style={{ marginTop: 4 }}>You can still generate with the deterministic generator: the same proven cases, with template wording. <Link href="/settings">Open Settings →</Link></div>
        </div>
      )}
      <label className="row" style={{ gap: 8, margin: "6px 0" }}>
        <input type="radio" name="wording" checked={!useLlm} onChange={() => onUseLlm(false)} style={{ width: "auto" }} data-testid="use-deterministic" />
        <span><strong>Deterministic</strong> <span className="muted">— template wording, no model, free</span></span>
      </label>
      <label className="row" style={{ gap: 8, margin: "6px 0", opacity: writer?.configured ? 1 : 0.5 }}>
        <input type="radio" name="wording" checked={useLlm} disabled={!writer?.configured} onChange={() => onUseLlm(true)} style={{ width: "auto" }} data-testid="use-llm" />
        <span><strong>LLM writer</strong> <span className="muted">— rewrites each request in its persona&apos;s voice, then re-checks it</span></span>
      </label>
      {writer?.configured && (
        <div className="muted" style={{ fontSize: 12.5, marginLeft: 22 }} data-testid="writer-model">
          {writer.baseUrl} · model <strong>{model || writer.model}</strong>{writer.hasKey ? " · key set" : ""}
          {useLlm && (
            <label className="field" style={{ marginTop: 6 }}><span>Writer model for this run (optional)</span>
              <input value={model} onChange={(e) => onModel(e.target.value)} placeholder={writer.model ?? ""} />
            </label>
          )}
        </div>
      )}
    </div>
  );
}
