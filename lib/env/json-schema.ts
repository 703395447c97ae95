import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";

/**
 * Checks values against the JSON schemas tools declare (`parameters`, `outputs`).
 *
 * The paper's schemas are loose: `description` everywhere, `outputs` as a non-standard key,
 * the odd Python type name ("float", "list"). So ajv runs with `strict: false`, unknown formats
 * are ignored, and Python-ish type names are mapped to JSON-schema ones before compiling.
 */
export interface SchemaProblem {
  /** Where in the value: "order_id", "items[0].price", or "" for the value itself. */
  path: string;
  message: string;
}

const TYPE_ALIASES: Record<string, string> = {
  float: "number",
  double: "number",
  int: "integer",
  str: "string",
  bool: "boolean",
  list: "array",
  dict: "object",
  map: "object",
};

const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);
const SCHEMA_LISTS = new Set(["anyOf", "allOf", "oneOf", "prefixItems"]);
const SCHEMA_ONE = new Set(["items", "additionalProperties", "additionalItems", "not", "contains", "propertyNames", "if", "then", "else"]);

const alias = (t: unknown) => (typeof t === "string" ? TYPE_ALIASES[t] ?? t : t);

/** Rewrites Python-ish type names and drops draft-3 `required: true` flags, keyword by keyword. */
function normalize(schema: unknown): unknown {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "type") out[k] = Array.isArray(v) ? v.map(alias) : alias(v);
    else if (k === "required" && !Array.isArray(v)) continue;
    else if (SCHEMA_MAPS.has(k) && v && typeof v === "object")
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, normalize(sub)]));
    else if (SCHEMA_LISTS.has(k) && Array.isArray(v)) out[k] = v.map(normalize);
    else if (SCHEMA_ONE.has(k)) out[k] = Array.isArray(v) ? v.map(normalize) : normalize(v);
    else out[k] = v;
  }
  return out;
}

const MAX_CACHED = 2000;
let ajv = newAjv();
const cache = new Map<string, ValidateFunction | string>();

function newAjv(): Ajv {
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
}

/** Compiles once per distinct schema (keyed by its JSON); a schema that fails to compile caches its message. */
function compiled(schema: Record<string, unknown>): ValidateFunction | string {
  const key = JSON.stringify(schema);
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= MAX_CACHED) {
    // ajv keeps its own reference to every schema it compiled: start over rather than grow forever.
    cache.clear();
    ajv = newAjv();
  }
  let entry: ValidateFunction | string;
  try {
    const copy = normalize(schema) as Record<string, unknown>;
    delete copy.$id; // two tools may share an $id; we never resolve references across schemas
    entry = ajv.compile(copy);
  } catch (e) {
    entry = `invalid JSON schema: ${(e as Error).message}`;
  }
  cache.set(key, entry);
  return entry;
}

/** null when the schema compiles, else why not. */
export function schemaError(schema: Record<string, unknown>): string | null {
  const c = compiled(schema);
  return typeof c === "string" ? c : null;
}

/** "/items/0/price" → "items[0].price". */
function toPath(pointer: string): string {
  if (!pointer) return "";
  return pointer
    .slice(1)
    .split("/")
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), "");
}

const join = (base: string, name: string) => (base ? `${base}.${name}` : name);

function toProblem(err: ErrorObject): SchemaProblem {
  const at = toPath(err.instancePath);
  const params = err.params as Record<string, unknown>;
  if (err.keyword === "required") return { path: join(at, String(params.missingProperty)), message: "is required" };
  if (err.keyword === "additionalProperties")
    return { path: join(at, String(params.additionalProperty)), message: "is not an allowed property" };
  if (err.keyword === "enum")
    return { path: at, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
  return { path: at, message: err.message ?? err.keyword };
}

/** Problems of `value` against `schema` ([] when it fits). A schema that does not compile is one problem at "". */
export function checkAgainstSchema(schema: Record<string, unknown>, value: unknown): SchemaProblem[] {
  const validate = compiled(schema);
  if (typeof validate === "string") return [{ path: "", message: validate }];
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const err of validate.errors ?? []) {
    const p = toProblem(err);
    const key = `${p.path}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}

/** "order_id: is required; items[0].price: must be number". */
export function formatProblems(problems: SchemaProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
}
