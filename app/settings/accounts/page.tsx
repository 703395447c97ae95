import { headers } from "next/headers";
import { AccountsPanel } from "@/components/auth/accounts-panel";
import { currentUser } from "../../api/_shared/auth";

export const metadata = { title: "Accounts · Flywheel Studio" };

/** Admin only: who may sign in, and with which role. */
export default async function AccountsPage() {
  const user = await currentUser(await headers());
  return (
    <div className="page">
      <h1>Accounts</h1>
      <p className="lede">Local sign-in accounts and their roles. Public sign-up is off: accounts are made here or with <span className="mono">flywheel users add</span>.</p>
      {user?.role === "admin" ? (
        <AccountsPanel selfId={user.id} />
      ) : (
        <p className="alert error" data-testid="accounts-forbidden">Only admins manage accounts; you are signed in as a {user?.role ?? "visitor"}.</p>
      )}
    </div>
  );
}
