import { parseArgs, type ParseArgsConfig } from "node:util";

export const print = (s: string) => process.stdout.write(s.endsWith("\n") ? s : s + "\n");
export const printJson = (v: unknown) => print(JSON.stringify(v, null, 2));
export const fail = (s: string) => process.stderr.write(s.endsWith("\n") ? s : s + "\n");

export function args(argv: string[], options: ParseArgsConfig["options"] = {}) {
  return parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" }, ...options } });
}

/** A plain text table for terminals. */
export function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}
