import type { StateChange } from "@/lib/cases/schema";

export function StateDiff({ changes, empty = "No database change." }: { changes: StateChange[]; empty?: string }) {
  if (changes.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="simple">
      <thead><tr><th>Change</th><th>Record</th><th>Field</th><th>Before</th><th>After</th></tr></thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <td><span className={`badge ${c.op === "delete" ? "refuse" : c.op === "insert" ? "execute" : "clarify"}`}>{c.op}</span></td>
            <td className="mono">{c.table}/{c.key}</td>
            <td className="mono">{c.field ?? ""}</td>
            <td className="mono">{c.before === undefined ? "" : JSON.stringify(c.before)}</td>
            <td className="mono">{c.after === undefined ? "" : JSON.stringify(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
