import fs from "node:fs";
import { studioDb } from "@/db";
import { getDomainBySlug, toSpec } from "@/db/queries/domains";
import { isDomainError } from "@/lib/errors";
import { parseTreeDoc } from "@/lib/tree/document";
import { validateTree } from "@/lib/tree/validate";
import { enumerateBranches, countOutcomes } from "@/lib/tree/branches";
import type { TreeIssue } from "@/lib/tree/schema";
import type { Command } from "./commands";
import { args, fail, print, printJson } from "./io";

const line = (i: TreeIssue) => `${i.severity}: ${i.nodeId ? `[${i.nodeId}] ` : ""}${i.message} (${i.code})`;

/** `tree validate <file.json> [--domain slug] [--json]`: exit 1 with the messages when the tree is invalid. */
function validate(argv: string[]): number {
  const { positionals, values } = args(argv, { domain: { type: "string" } });
  const file = positionals[0];
  if (!file) throw new Error("usage: flywheel tree validate <file.json> [--domain <slug>] [--json]");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    fail(`error: cannot read ${file} as JSON: ${(e as Error).message}`);
    return 1;
  }
  let issues: TreeIssue[];
  let branches = 0;
  let outcomes;
  try {
    const doc = parseTreeDoc(raw);
    const domain = values.domain ? toSpec(getDomainBySlug({ db: studioDb(), slug: String(values.domain) })) : undefined;
    issues = validateTree(doc, domain);
    const bs = enumerateBranches(doc);
    branches = bs.length;
    outcomes = countOutcomes(bs);
  } catch (e) {
    if (!isDomainError(e) || e.code !== "invalid") throw e;
    issues = (e.details as TreeIssue[] | undefined) ?? [{ nodeId: null, severity: "error", code: "invalid", message: e.message }];
  }
  const errors = issues.filter((i) => i.severity === "error");
  if (values.json) printJson({ valid: errors.length === 0, branches, outcomes, issues });
  else {
    for (const i of issues) (i.severity === "error" ? fail : print)(line(i));
    if (errors.length === 0) print(`valid: ${branches} branches${issues.length ? `, ${issues.length} warning(s)` : ""}`);
    else fail(`invalid: ${errors.length} error(s)`);
  }
  return errors.length === 0 ? 0 : 1;
}

export const treeCommand: Command = {
  run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "validate") return validate(rest);
    throw new Error("usage: flywheel tree validate <file.json> [--domain <slug>] [--json]");
  },
};
