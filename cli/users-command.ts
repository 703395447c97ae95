import { ZodError } from "zod";
import { studioDb } from "@/db";
import { createAccount, generatePassword, listAccounts } from "@/lib/auth/accounts";
import { Role, ROLES } from "@/lib/auth/roles";
import type { Command } from "./commands";
import { args, print, printJson, table } from "./io";

const USAGE = `usage: flywheel users add <email> --role ${ROLES.join("|")} [--password P] [--name N] | flywheel users list [--json]`;

/** Accounts from the terminal: the same createAccount the admin's Accounts page uses. */
export const usersCommand: Command = {
  run(argv) {
    const { positionals, values } = args(argv, { role: { type: "string" }, password: { type: "string" }, name: { type: "string" } });
    const [sub, email] = positionals;
    const db = studioDb();
    if (sub === "list") {
      const rows = listAccounts(db);
      if (values.json) printJson(rows);
      else print(table([["email", "role", "name", "created"], ...rows.map((a) => [a.email, a.role, a.name, a.createdAt])]));
      return 0;
    }
    if (sub !== "add" || !email) throw new Error(USAGE);
    const role = Role.safeParse(values.role);
    if (!role.success) throw new Error(`--role must be one of ${ROLES.join(", ")} (got ${values.role ?? "nothing"}).\n${USAGE}`);
    const password = values.password ?? generatePassword();
    let created;
    try {
      created = createAccount(db, { email, name: values.name, role: role.data, password });
    } catch (e) {
      if (e instanceof ZodError) throw new Error(e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      throw e;
    }
    if (values.json) printJson({ ...created, ...(values.password ? {} : { password }) });
    else print(`Created ${created.email} (${created.role}).${values.password ? "" : ` Password: ${password}`}`);
    return 0;
  },
};
