import { Persona, type PersonaImport } from "./schema";

const normalize = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/**
 * Reads a persona file (JSONL, one `{persona, id}` object a line, as the paper's persona_5K.jsonl)
 * against the existing library. Blank lines are skipped; a missing trailing newline is fine. A
 * line is bad when it is not JSON or not a `{persona, id}` object; it is a duplicate when its id is
 * already used, or the same persona text is already present under another id. Pure: the caller
 * stores `added`.
 */
export function parsePersonaLines(text: string, existing: readonly Persona[]): PersonaImport {
  const out: PersonaImport = { added: [], bad: [], duplicates: [] };
  const ids = new Map(existing.map((p) => [p.id, "the library"]));
  const texts = new Map(existing.map((p) => [normalize(p.persona), p.id]));
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      out.bad.push({ line, reason: `not valid JSON (${(e as Error).message})` });
      return;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      out.bad.push({ line, reason: `expected an object {"persona": "...", "id": "..."}, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}` });
      return;
    }
    const parsed = Persona.safeParse(value);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => {
        const field = issue.path.join(".");
        if (issue.code !== "invalid_type") return issue.message;
        return Object.hasOwn(value, field) ? `${field} must be a string` : `${field} is missing`;
      });
      out.bad.push({ line, reason: reasons.join("; ") });
      return;
    }
    const p = parsed.data;
    const idOwner = ids.get(p.id);
    if (idOwner) {
      out.duplicates.push({ line, id: p.id, reason: `id "${p.id}" is already used in ${idOwner}` });
      return;
    }
    const sameText = texts.get(normalize(p.persona));
    if (sameText) {
      out.duplicates.push({ line, id: p.id, reason: `the same persona text is already there as "${sameText}" ("${cut(p.persona)}")` });
      return;
    }
    ids.set(p.id, `line ${line}`);
    texts.set(normalize(p.persona), p.id);
    out.added.push(p);
  });
  return out;
}
