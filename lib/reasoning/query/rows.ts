/**
 * Rows as a query sees them, and reads that leave a trace: every field of a database record a
 * query looks at is recorded under the record's ref ("orders/#W2002"), so the read-tool planner
 * knows what an agent would have to fetch to answer.
 */
export interface Row {
  rec: Record<string, unknown>;
  /** "table/key" of the database record this row is (or, unnested, lies inside). */
  ref: string;
  /** Unnested rows: the list field of `ref` they came from (a read of any of their fields reads it). */
  prefix: string | null;
  joins: Record<string, { rec: Record<string, unknown>; ref: string }>;
  derived: Record<string, unknown>;
  parent: Row | null;
}

/** The pseudo-field of a read that only needs the record to be seen (count). */
export const EXISTS = "__exists";

export class ReadTrace {
  readonly reads = new Map<string, Set<string>>();

  mark(ref: string, field: string): void {
    let fields = this.reads.get(ref);
    if (!fields) this.reads.set(ref, (fields = new Set()));
    fields.add(field);
  }

  merge(other: ReadTrace): void {
    for (const [ref, fields] of other.reads) for (const f of fields) this.mark(ref, f);
  }
}

export const refOf = (table: string, key: string) => `${table}/${key}`;
export const splitRef = (ref: string): [string, string] => {
  const i = ref.indexOf("/");
  return [ref.slice(0, i), ref.slice(i + 1)];
};

function deep(value: unknown, segs: string[]): unknown {
  let v = value;
  for (const s of segs) {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

/** Reads `path` of `row`, marking what it reads. */
export function readPath(row: Row, path: string, trace: ReadTrace): unknown {
  const [head, ...rest] = path.split(".");
  if (Object.hasOwn(row.derived, head)) return deep(row.derived[head], rest);
  if (head === "parent" && row.parent) return readPath(row.parent, rest.join("."), trace);
  const join = row.joins[head];
  if (join && rest.length) {
    trace.mark(join.ref, rest[0]);
    return deep(join.rec, rest);
  }
  trace.mark(row.ref, row.prefix ?? head);
  return deep(row.rec, [head, ...rest]);
}

/** The refs a row stands on: its record, its joins and its parents'. */
export function refsOf(row: Row): string[] {
  const out = [row.ref, ...Object.values(row.joins).map((j) => j.ref)];
  return row.parent ? [...out, ...refsOf(row.parent)] : out;
}
