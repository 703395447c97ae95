import { parseArgs } from "node:util";

export const print = (s: string) => process.stdout.write(s.endsWith("\n") ? s : s + "\n");
export const printJson = (v: unknown) => print(JSON.stringify(v, null, 2));
export const fail = (s: string) => process.stderr.write(s.endsWith("\n") ? s : s + "\n");

type Opt = { type: "string" | "boolean"; short?: string };

/** Parses positionals plus `--json` and the given options; strings come back as strings. */
export function args<O extends Record<string, Opt>>(argv: string[], options?: O) {
  const parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, ...(options ?? {}) } });
  return {
    positionals: parsed.positionals,
    values: parsed.values as { json?: boolean } & { [K in keyof O]?: O[K]["type"] extends "string" ? string : boolean },
  };
}

/** A plain text table for terminals. */
export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}
