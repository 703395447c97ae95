import { z } from "zod";

/** One persona, in the paper's persona file format: a JSONL line `{"persona": "...", "id": "..."}`. */
export const Persona = z.object({
  id: z.string().trim().min(1, "id is empty").max(200, "id is longer than 200 characters"),
  persona: z.string().trim().min(1, "persona is empty").max(4000, "persona is longer than 4000 characters"),
});
export type Persona = z.infer<typeof Persona>;

/** What one import found: lines to add, and every line left out with its reason (nothing is dropped silently). */
export interface PersonaImport {
  /** New personas, in file order. */
  added: Persona[];
  /** Lines that could not be read as a persona. `line` is 1-based. */
  bad: { line: number; reason: string }[];
  /** Lines whose id is already taken (in the library or earlier in the file), or whose text is already there. */
  duplicates: { line: number; id: string; reason: string }[];
}
