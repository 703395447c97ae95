"use client";
import Link from "next/link";
import { useState } from "react";
import type { Role } from "@/lib/auth/roles";
import { signOut } from "./auth-client";
import "./auth.css";

export type Account = { email: string; name: string; role: Role };

/** The signed-in account in the top bar: who, which role, sign out (admins also get Accounts). */
export function AccountMenu({ account }: { account: Account }) {
  const [error, setError] = useState<string | null>(null);
  async function leave() {
    try {
      await signOut();
      // A full load on purpose: it drops the query cache and re-renders the root layout without the account.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div className="account-menu" data-testid="account-menu">
      {account.role === "admin" && <Link href="/settings/accounts" data-testid="accounts-link">Accounts</Link>}
      <span className="who" title={account.email} data-testid="account-email">{account.email}</span>
      <span className="badge role" data-testid="account-role">{account.role}</span>
      <button type="button" className="btn small" onClick={() => void leave()} data-testid="sign-out">Sign out</button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
