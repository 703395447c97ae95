/**
 * A small model of the CEL types guards see, inferred from JSON data (database records) and
 * from JSON schemas (tool outputs). Anything uncertain becomes `dyn`: a guard must never be
 * rejected for a type the runtime would accept.
 */
export type CelType =
  | { kind: "dyn" | "string" | "double" | "bool" | "null" }
  | { kind: "list"; of: CelType }
  | { kind: "map"; of: CelType }
  /** A record with known fields; every field may be absent at runtime (`has()` checks that). */
  | { kind: "record"; fields: Record<string, CelType> };

export const DYN: CelType = { kind: "dyn" };
const STRING: CelType = { kind: "string" };
const DOUBLE: CelType = { kind: "double" };
const BOOL: CelType = { kind: "bool" };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The common type of two values' types; `null` gives way to the other, conflicts become dyn. */
export function unifyTypes(a: CelType, b: CelType): CelType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.kind === "dyn" || b.kind === "dyn" || a.kind !== b.kind) return DYN;
  if ((a.kind === "list" || a.kind === "map") && (b.kind === "list" || b.kind === "map")) {
    return { kind: a.kind, of: unifyTypes(a.of, b.of) };
  }
  if (a.kind === "record" && b.kind === "record") {
    const fields: Record<string, CelType> = { ...a.fields };
    for (const [name, t] of Object.entries(b.fields)) fields[name] = name in fields ? unifyTypes(fields[name], t) : t;
    return { kind: "record", fields };
  }
  return a;
}

/** Empty collections unify to `null` (unknown yet), so `[]` in one row does not spoil `list<string>` in another. */
const unifyAll = (types: CelType[]): CelType => types.reduce((acc, t) => unifyTypes(acc, t), { kind: "null" } as CelType);

/** Settles types still `null` (only nulls seen) to dyn. */
function settle(t: CelType): CelType {
  if (t.kind === "null") return DYN;
  if (t.kind === "list" || t.kind === "map") return { kind: t.kind, of: settle(t.of) };
  if (t.kind === "record") return { kind: "record", fields: Object.fromEntries(Object.entries(t.fields).map(([k, v]) => [k, settle(v)])) };
  return t;
}

/** Nested objects in data are maps (their keys may be ids), typed by their common value type. */
function valueType(value: unknown): CelType {
  if (value === null || value === undefined) return { kind: "null" };
  if (typeof value === "string") return STRING;
  if (typeof value === "number") return DOUBLE;
  if (typeof value === "boolean") return BOOL;
  if (Array.isArray(value)) return { kind: "list", of: unifyAll(value.map(valueType)) };
  if (isPlainObject(value)) return { kind: "map", of: unifyAll(Object.values(value).map(valueType)) };
  return DYN;
}

/** The record type of a table's rows: the union of their fields. */
export function recordTypeOf(rows: Record<string, unknown>[]): CelType {
  if (rows.length === 0) return { kind: "map", of: DYN };
  const fields: Record<string, CelType> = {};
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      fields[name] = name in fields ? unifyTypes(fields[name], valueType(value)) : valueType(value);
    }
  }
  return settle({ kind: "record", fields });
}

/** A JSON schema (as the paper writes tool parameters and outputs) as a CEL type. */
export function schemaType(schema: unknown): CelType {
  if (!isPlainObject(schema)) return DYN;
  const type = schema.type;
  if (type === "string") return STRING;
  if (type === "number" || type === "integer") return DOUBLE;
  if (type === "boolean") return BOOL;
  if (type === "array") return { kind: "list", of: schemaType(schema.items) };
  const properties = schema.properties;
  if ((type === "object" || type === undefined) && isPlainObject(properties) && Object.keys(properties).length > 0) {
    // Extra keys allowed by the schema cannot be typed as fields: a map keeps them reachable.
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      return { kind: "map", of: DYN };
    }
    const fields: Record<string, CelType> = {};
    for (const [name, sub] of Object.entries(properties)) fields[name] = schemaType(sub);
    return { kind: "record", fields };
  }
  if (type === "object") {
    return { kind: "map", of: isPlainObject(schema.additionalProperties) ? schemaType(schema.additionalProperties) : DYN };
  }
  return DYN;
}

/** How a CEL type-checker result type ("double", "list<string>", "$user") relates to a JSON schema type. */
export function fitsSchemaType(celType: string, schema: unknown): boolean {
  if (!isPlainObject(schema) || typeof schema.type !== "string") return true;
  if (celType === "dyn" || celType === "null") return true;
  const expected: Record<string, (t: string) => boolean> = {
    string: (t) => t === "string",
    number: (t) => t === "double" || t === "int" || t === "uint",
    integer: (t) => t === "double" || t === "int" || t === "uint",
    boolean: (t) => t === "bool",
    array: (t) => t === "list" || t.startsWith("list<"),
    // Records are registered types with names of their own; anything that is not a primitive or a list fits.
    object: (t) => !["string", "double", "int", "uint", "bool", "bytes"].includes(t) && !t.startsWith("list"),
  };
  return expected[schema.type]?.(celType) ?? true;
}

/** A short readable name for messages: `record{status, total}`, `list<string>`. */
export function describeType(t: CelType): string {
  if (t.kind === "list" || t.kind === "map") return `${t.kind}<${t.kind === "map" ? "string, " : ""}${describeType(t.of)}>`;
  if (t.kind === "record") return `record{${Object.keys(t.fields).join(", ")}}`;
  return t.kind;
}
