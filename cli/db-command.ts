import { count } from "drizzle-orm";
import { studioDb } from "@/db";
import { databasePath } from "@/db/client";
import { domains, personas, trees } from "@/db/schema";
import { adminSignInHint } from "@/lib/auth/first-admin";
import type { Command } from "./commands";
import { args, print, printJson } from "./io";

export const dbCommand: Command = {
  run(argv) {
    const { positionals, values } = args(argv);
    if (positionals[0] !== "init") throw new Error('usage: flywheel db init [--json]');
    const db = studioDb();
    const n = (t: typeof domains | typeof trees | typeof personas) => db.select({ n: count() }).from(t).get()!.n;
    const out = { path: databasePath(), domains: n(domains), trees: n(trees), personas: n(personas) };
    if (values.json) printJson(out);
    else print(`Database ${out.path}: ${out.domains} domains, ${out.trees} trees, ${out.personas} personas.\n${adminSignInHint(out.path)}`);
    return 0;
  },
};
