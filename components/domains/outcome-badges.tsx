import { LEAF_KINDS, type OutcomeCounts } from "@/lib/tree/schema";

export function OutcomeBadges({ outcomes }: { outcomes: OutcomeCounts }) {
  return (
    <span className="row" style={{ gap: 4, flexWrap: "wrap" }}>
      {LEAF_KINDS.map((k) => (
        <span key={k} className={`badge ${k}`} title={`${outcomes[k]} ${k} branch(es)`}>
          {k} {outcomes[k]}
        </span>
      ))}
    </span>
  );
}
