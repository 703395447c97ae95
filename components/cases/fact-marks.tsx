import type { ReactNode } from "react";

/** The hack facts' values as searchable strings (short or non-scalar values are left out). */
export function factValues(facts: Record<string, unknown>): string[] {
  return Object.values(facts)
    .filter((v): v is string | number => typeof v === "string" || typeof v === "number")
    .map(String)
    .filter((v) => v.length >= 3);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether any of `values` occurs in `text` (case-insensitive). */
export const mentionsAny = (text: string, values: string[]) => values.some((v) => text.toLowerCase().includes(v.toLowerCase()));

/** `text` with every occurrence of `values` wrapped in a <mark> of `className`. */
export function MarkedText({ text, values, className, title }: { text: string; values: string[]; className: string; title: string }) {
  if (values.length === 0 || !text) return <>{text}</>;
  const pattern = new RegExp(`(${[...values].sort((a, b) => b.length - a.length).map(escape).join("|")})`, "gi");
  const parts: ReactNode[] = text.split(pattern).map((part, i) =>
    i % 2 === 1 ? <mark key={i} className={className} title={title}>{part}</mark> : part,
  );
  return <>{parts}</>;
}
