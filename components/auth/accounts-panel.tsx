"use client";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { useAccounts, useChangeRole, useCreateAccount } from "./use-accounts";
import "./auth.css";

const ROLE_HELP: Record<Role, string> = {
  curator: "edits domains and trees, runs generation",
  reviewer: "approves and rejects cases",
  admin: "everything, plus exports, settings and accounts",
};

/** The admin's Accounts section: every account with its role (changeable), and a form to add one. */
export function AccountsPanel({ selfId }: { selfId: string }) {
  const accounts = useAccounts();
  const changeRole = useChangeRole();
  return (
    <div className="accounts-grid">
      <section className="card">
        <h2>Accounts</h2>
        {accounts.error && <p className="alert error">{(accounts.error as Error).message}</p>}
        {changeRole.error && <p className="alert error" role="alert" data-testid="role-error">{(changeRole.error as Error).message}</p>}
        <table className="simple" data-testid="accounts-table">
          <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Created</th></tr></thead>
          <tbody>
            {accounts.data?.accounts.map((a) => (
              <tr key={a.id} data-testid={`account-${a.email}`}>
                <td>{a.email}{a.id === selfId && <span className="muted"> (you)</span>}</td>
                <td>{a.name}</td>
                <td>
                  <select aria-label={`Role of ${a.email}`} value={a.role} disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ id: a.id, role: e.target.value as Role })} data-testid="account-role-select">
                    {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                  </select>
                </td>
                <td className="muted">{a.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{ROLES.map((r) => `${r}: ${ROLE_HELP[r]}`).join(" · ")}</p>
      </section>
      <NewAccountForm />
    </div>
  );
}

function NewAccountForm() {
  const create = useCreateAccount();
  const [role, setRole] = useState<Role>("reviewer");
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    create.mutate(
      { email: String(data.get("email")), name: String(data.get("name") || "") || undefined, role, password: String(data.get("password")) },
      { onSuccess: () => form.reset() },
    );
  }
  return (
    <form className="card" onSubmit={submit} data-testid="new-account-form">
      <h2>Add an account</h2>
      <label className="field"><span>Email</span><input type="email" name="email" required data-testid="new-account-email" /></label>
      <label className="field"><span>Name (optional)</span><input type="text" name="name" data-testid="new-account-name" /></label>
      <label className="field">
        <span>Role</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-account-role">
          {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <label className="field"><span>Initial password (8+ characters; tell the person)</span>
        <input type="password" name="password" required minLength={8} autoComplete="new-password" data-testid="new-account-password" />
      </label>
      {create.error && <p className="alert error" role="alert" data-testid="new-account-error">{(create.error as Error).message}</p>}
      {create.isSuccess && <p className="alert ok" data-testid="new-account-created">Created {create.data.account.email} ({create.data.account.role}).</p>}
      <button type="submit" className="btn primary" disabled={create.isPending} data-testid="create-account">Add account</button>
    </form>
  );
}
