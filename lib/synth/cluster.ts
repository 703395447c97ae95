import type { Database, UserFact } from "@/lib/domain/schema";
import { factMatchesField, type FactValue } from "./pools";

type Ref = { table: string; key: string };

/** Where each scalar value lives: record keys and top-level fields, so a value leads to its record. */
export interface RecordIndex {
  holders: Map<string, Ref[]>;
  tablesByKey: Map<string, string[]>;
}

export function indexRecords(db: Database): RecordIndex {
  const holders = new Map<string, Ref[]>();
  const tablesByKey = new Map<string, string[]>();
  const add = (value: string, ref: Ref) => {
    const list = holders.get(value) ?? [];
    if (!list.some((r) => r.table === ref.table && r.key === ref.key)) holders.set(value, [...list, ref]);
  };
  for (const [table, rows] of Object.entries(db)) {
    for (const [key, row] of Object.entries(rows)) {
      tablesByKey.set(key, [...(tablesByKey.get(key) ?? []), table]);
      add(key, { table, key });
      for (const v of Object.values(row)) if (typeof v === "string") add(v, { table, key });
    }
  }
  return { holders, tablesByKey };
}

/**
 * Facts that belong together, read off the data: choosing order #W2007 also picks the email of
 * the customer it references; choosing a patient's email also picks their date of birth. Returns
 * the values for `others` found in the record holding `value` and the records it points to
 * (a field whose value is another table's key), nearest record first.
 */
export function coherentFacts(
  db: Database,
  index: RecordIndex,
  fact: UserFact,
  value: string,
  others: UserFact[],
): { fact: string; value: FactValue }[] {
  const holders = (index.holders.get(value) ?? []).filter(({ table, key }) => {
    const row = db[table]?.[key];
    return row && (key === value || Object.entries(row).some(([f, v]) => v === value && factMatchesField(fact.name, f)));
  });
  const records: Record<string, unknown>[] = [];
  for (const { table, key } of holders.slice(0, 2)) {
    const row = db[table][key];
    records.push(row);
    for (const v of Object.values(row)) {
      if (typeof v !== "string" || v === key) continue;
      for (const other of index.tablesByKey.get(v) ?? []) if (other !== table && db[other]?.[v]) records.push(db[other][v]);
    }
  }
  const out: { fact: string; value: FactValue }[] = [];
  for (const other of others) {
    if (other.name === fact.name) continue;
    const scalar = other.type === "list" ? "string" : other.type;
    for (const row of records) {
      const hit = Object.entries(row).find(([f, v]) => typeof v === scalar && factMatchesField(other.name, f));
      if (hit) {
        out.push({ fact: other.name, value: other.type === "list" ? [hit[1]] : hit[1] });
        break;
      }
    }
  }
  return out;
}
