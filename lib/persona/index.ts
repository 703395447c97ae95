/** The persona library: the paper's {persona, id} lines, imported, sampled and spread over cases. */
export { Persona, type PersonaImport } from "./schema";
export { parsePersonaLines } from "./import";
export { samplePersonas, assignPersonas } from "./sample";
export { SEED_PERSONAS } from "./seed-personas";
