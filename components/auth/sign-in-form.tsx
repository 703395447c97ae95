"use client";
import { useState, type FormEvent } from "react";
import { signInWithPassword } from "./auth-client";
import "./auth.css";

/** Email + password sign-in; on success a full page load to `next`, so the layout shows the account. */
export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await signInWithPassword(String(form.get("email") ?? "").trim(), String(form.get("password") ?? ""));
      window.location.assign(next);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  }

  return (
    <form className="card auth-card" onSubmit={submit} data-testid="sign-in-form">
      <h1>Sign in to Flywheel Studio</h1>
      <label className="field">
        <span>Email</span>
        <input type="email" name="email" autoComplete="username" required autoFocus data-testid="sign-in-email" />
      </label>
      <label className="field">
        <span>Password</span>
        <input type="password" name="password" autoComplete="current-password" required data-testid="sign-in-password" />
      </label>
      {error && <p className="alert error" role="alert" data-testid="sign-in-error">{error}</p>}
      <button type="submit" className="btn primary" disabled={busy} data-testid="sign-in-submit">
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted auth-hint">
        The first admin is <span className="mono">admin@flywheel.local</span>; its password is in{" "}
        <span className="mono">admin-password.txt</span> beside the database (or FLYWHEEL_ADMIN_PASSWORD). Admins add other accounts.
      </p>
    </form>
  );
}
