/** One difference between two JSON values, at a path such as `proof.reasons[0]`. */
export type JsonChange = { path: string; op: "added" | "removed" | "changed"; before?: unknown; after?: unknown };

/** Who did what to which record, and the record's relevant parts before and after. */
export type AuditEntry = {
  actorId: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const join = (base: string, key: string | number) => (typeof key === "number" ? `${base}[${key}]` : base ? `${base}.${key}` : key);

/** A structural diff of two JSON values: objects by key, arrays by index, leaves by value. */
export function jsonDiff(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => {
      if (!(k in after)) return [{ path: join(path, k), op: "removed" as const, before: before[k] }];
      if (!(k in before)) return [{ path: join(path, k), op: "added" as const, after: after[k] }];
      return jsonDiff(before[k], after[k], join(path, k));
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= after.length) out.push({ path: join(path, i), op: "removed", before: before[i] });
      else if (i >= before.length) out.push({ path: join(path, i), op: "added", after: after[i] });
      else out.push(...jsonDiff(before[i], after[i], join(path, i)));
    }
    return out;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || "(root)", op: "changed", before, after }];
}

/** The top-level keys a diff touches, taken from both sides: a compact before/after for the log. */
export function changedParts(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = new Set(jsonDiff(before, after).map((c) => c.path.split(/[.[]/)[0]));
  const pick = (o: Record<string, unknown>) => Object.fromEntries([...keys].filter((k) => k in o).map((k) => [k, o[k]]));
  return { before: pick(before), after: pick(after) };
}
