import { DomainError } from "@/lib/errors";
import type { DomainSpec } from "./schema";
import { checkDomainSpec } from "@/lib/env/spec-check";

/** Rejects a domain whose tools or database do not fit together, with every problem listed. */
export function assertValidDomain(spec: DomainSpec): void {
  const issues = checkDomainSpec(spec);
  if (issues.length === 0) return;
  const message = issues
    .slice(0, 10)
    .map((i) => `${i.tool ? `tool ${i.tool}` : "domain"}${i.path ? ` (${i.path})` : ""}: ${i.message}`)
    .join("; ");
  throw new DomainError("invalid", `The domain spec has ${issues.length} problem(s): ${message}`, issues);
}
