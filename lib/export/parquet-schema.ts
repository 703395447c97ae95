import type { SchemaElement } from "hyparquet-writer";

/**
 * A parquet schema as a tree, flattened to the preorder list with num_children that
 * hyparquet-writer needs for nested columns (stack-notes §Parquet). Every field is OPTIONAL, as
 * the files pyarrow and HF datasets write, so readers see nullable structs and lists.
 */
export type Field =
  | { kind: "string"; name: string }
  | { kind: "boolean"; name: string }
  | { kind: "int64"; name: string }
  | { kind: "struct"; name: string; fields: Field[] }
  | { kind: "list"; name: string; element: Field };

export const str = (name: string): Field => ({ kind: "string", name });
export const bool = (name: string): Field => ({ kind: "boolean", name });
export const int64 = (name: string): Field => ({ kind: "int64", name });
export const struct = (name: string, fields: Field[]): Field => ({ kind: "struct", name, fields });
/** The standard three-level list: <name> (LIST) → list (repeated) → element. */
export const list = (name: string, element: Field): Field => ({ kind: "list", name, element });

function flatten(field: Field, out: SchemaElement[]): void {
  const base = { name: field.name, repetition_type: "OPTIONAL" as const };
  switch (field.kind) {
    case "string":
      out.push({ ...base, type: "BYTE_ARRAY", converted_type: "UTF8" });
      return;
    case "boolean":
      out.push({ ...base, type: "BOOLEAN" });
      return;
    case "int64":
      out.push({ ...base, type: "INT64" });
      return;
    case "struct":
      out.push({ ...base, num_children: field.fields.length });
      for (const child of field.fields) flatten(child, out);
      return;
    case "list":
      out.push({ ...base, converted_type: "LIST", num_children: 1 });
      out.push({ name: "list", repetition_type: "REPEATED", num_children: 1 });
      flatten({ ...field.element, name: "element" }, out);
  }
}

/** The root plus every column, in the order the columns are given. */
export function parquetSchema(columns: Field[]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: "root", num_children: columns.length }];
  for (const column of columns) flatten(column, out);
  return out;
}
