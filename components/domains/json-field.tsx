"use client";
import type { ZodType } from "zod";

/** Parses a JSON textarea's text against a schema; returns the value or a readable message. */
export function parseJsonField<T>(text: string, schema: ZodType<T>): { value?: T; error?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${(e as Error).message}` };
  }
  const res = schema.safeParse(raw);
  if (res.success) return { value: res.data };
  return {
    error: res.error.issues
      .slice(0, 8)
      .map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`)
      .join("\n"),
  };
}

export function JsonField({ label, text, onChange, error, testId, help }: { label: string; text: string; onChange: (t: string) => void; error?: string; testId: string; help?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      {help && <div className="muted" style={{ fontSize: 12, marginBottom: 4 }}>{help}</div>}
      <textarea className="code" spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} data-testid={testId} />
      {error && <pre className="alert error" style={{ whiteSpace: "pre-wrap" }} data-testid={`${testId}-error`}>{error}</pre>}
    </label>
  );
}
