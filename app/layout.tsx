import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";
import { TopNav } from "@/components/shell/top-nav";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AccountMenu } from "@/components/auth/account-menu";
import { isPublicPath, signInUrl } from "@/lib/auth/paths";
import { currentUser } from "./api/_shared/auth";

export const metadata: Metadata = {
  title: "Flywheel Studio",
  description: "Behavior trees, executable environments and verified RL test cases for small agentic models",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // headers() first: it makes every page dynamic, so `next build` never opens the database here.
  const h = await headers();
  const path = h.get("x-flywheel-path") ?? "/";
  const user = await currentUser(h);
  // The proxy only sees that a cookie exists; a stale or revoked one ends here.
  if (!user && !isPublicPath(path.split("?")[0])) redirect(signInUrl(path));
  return (
    <html lang="en">
      <body>
        <Providers>
          <TopNav account={user ? <AccountMenu account={user} /> : undefined} />
          <main className="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
