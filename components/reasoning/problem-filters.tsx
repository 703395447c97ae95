"use client";
import { useDomains } from "@/components/domains/use-domains";
import { ANSWER_KINDS } from "@/lib/reasoning/schema";
import { FREE_TEXT } from "@/lib/reasoning/library";
import type { ProblemFilters as Filters } from "./use-reasoning";

type Key = keyof Filters;

/** The library's filters: domain, kind, round, difficulty, pass rate, verification, review. */
export function ProblemFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const domains = useDomains();
  const set = (k: Key) => (e: { target: { value: string } }) => onChange({ ...value, [k]: e.target.value || undefined });
  const select = (k: Key, label: string, options: [string, string][]) => (
    <label className="field">
      <span>{label}</span>
      <select value={value[k] ?? ""} onChange={set(k)} data-testid={`filter-${k}`}>
        <option value="">any</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
  const number = (k: Key, label: string, step = "1") => (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={0} step={step} value={value[k] ?? ""} onChange={set(k)} data-testid={`filter-${k}`} />
    </label>
  );
  return (
    <div className="reasoning-filters">
      {select("domain", "Domain", [...(domains.data?.domains ?? []).map((d) => [d.slug, d.name] as [string, string]), [FREE_TEXT, "Free text (imported)"]])}
      {select("kind", "Answer kind", ANSWER_KINDS.map((k) => [k, k]))}
      {select("verdict", "Verification", [["verified", "verified"], ["rejected", "rejected"]])}
      {select("status", "Review", [["pending", "pending"], ["approved", "approved"], ["rejected", "rejected"]])}
      {number("round", "Round")}
      {number("minDifficulty", "Difficulty ≥")}
      {number("maxDifficulty", "Difficulty ≤")}
      {number("maxPassRate", "Pass rate ≤", "0.1")}
    </div>
  );
}
