import type { PathStep } from "@/lib/cases/schema";

/** A tool path as a vertical timeline: call, arguments, output. */
export function PathTimeline({ steps, empty }: { steps: PathStep[]; empty: string }) {
  if (steps.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="timeline">
      {steps.map((s, i) => (
        <li key={i}>
          <div className="mono"><strong>{s.tool_name}</strong>({Object.entries(s.input).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")})</div>
          <pre className="output">{JSON.stringify(s.expected_output, null, 1)}</pre>
        </li>
      ))}
    </ol>
  );
}
