import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/paths";
import { currentUser } from "../api/_shared/auth";

export const metadata = { title: "Sign in · Flywheel Studio" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await currentUser(await headers())) redirect(next);
  return (
    <div className="auth-page">
      <SignInForm next={next} />
    </div>
  );
}
