import { studioDb } from "@/db";
import { createAccount, listAccounts, NewAccount } from "@/lib/auth/accounts";
import { json, parseBody, route } from "../_shared/http";
import { requireRole } from "../_shared/auth";

export const dynamic = "force-dynamic";

/** Accounts (admin only): list, and create one with a role and an initial password. */
export const GET = route(async (req: Request) => {
  await requireRole(req, ["admin"]);
  return json({ accounts: listAccounts(studioDb()) });
});

export const POST = route(async (req: Request) => {
  await requireRole(req, ["admin"]);
  const body = await parseBody(req, NewAccount);
  return json({ account: createAccount(studioDb(), body) }, 201);
});
