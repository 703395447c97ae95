/** An OpenAI chat message as a backend reports it (loosely typed: backends differ in the extras). */
type Message = Record<string, unknown>;
type ToolCall = { id?: string; function?: { name?: string; arguments?: unknown } };

const text = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : JSON.stringify(v, null, 1));

function prettyArgs(args: unknown): string {
  if (typeof args !== "string") return text(args);
  try {
    return JSON.stringify(JSON.parse(args));
  } catch {
    return args;
  }
}

/** A conversation: system prompt, user turns, the agent's text and tool calls, tool outputs. */
export function MessageList({ messages }: { messages: Message[] }) {
  if (!messages.length) return <p className="muted">This sample carries no messages.</p>;
  return (
    <div className="messages" data-testid="message-list">
      {messages.map((m, i) => {
        const role = String(m.role ?? "unknown");
        const calls = Array.isArray(m.tool_calls) ? (m.tool_calls as ToolCall[]) : [];
        const body = text(m.content);
        return (
          <div key={i} className={`msg ${role}`}>
            <div className="role">{role}{role === "tool" && m.name ? ` · ${text(m.name)}` : ""}</div>
            {role === "tool" ? <pre>{body}</pre> : role === "system" ? <details><summary className="muted">system prompt ({body.length} chars)</summary><pre>{body}</pre></details> : body && <div className="text">{body}</div>}
            {calls.map((c, j) => (
              <div key={j} className="mono" style={{ fontSize: 12 }}>→ <strong>{c.function?.name ?? "?"}</strong>({prettyArgs(c.function?.arguments)})</div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
