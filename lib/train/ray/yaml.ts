/**
 * A small YAML writer for the package's config files (verl reads them with OmegaConf, i.e.
 * PyYAML). Block style for maps and lists; every string is double-quoted JSON, which is a valid
 * YAML double-quoted scalar, so no value is ever read back as a number, a boolean or null.
 */
export function toYaml(value: unknown): string {
  return lines(value, "").join("\n") + "\n";
}

/** Words YAML 1.1 reads as booleans or null when unquoted. */
const RESERVED = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]);

function key(name: string): string {
  return /^[A-Za-z_][\w\-.]*$/.test(name) && !RESERVED.has(name.toLowerCase()) ? name : JSON.stringify(name);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`YAML: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  throw new Error(`YAML: cannot write a ${typeof value}`);
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function lines(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    if (!value.length) return [`${indent}[]`];
    return value.flatMap((item) => {
      if ((isMap(item) && Object.keys(item).length) || (Array.isArray(item) && item.length)) {
        // the first line of a nested block sits after the dash; the rest keep its indentation
        const [first, ...rest] = lines(item, indent + "  ");
        return [`${indent}- ${first.slice(indent.length + 2)}`, ...rest];
      }
      return [`${indent}- ${inline(item)}`];
    });
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return [`${indent}{}`];
    return entries.flatMap(([name, v]) => {
      if ((isMap(v) && Object.keys(v).length) || (Array.isArray(v) && v.length)) return [`${indent}${key(name)}:`, ...lines(v, indent + "  ")];
      return [`${indent}${key(name)}: ${inline(v)}`];
    });
  }
  return [`${indent}${scalar(value)}`];
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (isMap(value)) return "{}";
  return scalar(value);
}
