import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";
import { TopNav } from "@/components/shell/top-nav";

export const metadata: Metadata = {
  title: "Flywheel Studio",
  description: "Behavior trees, executable environments and verified RL test cases for small agentic models",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <TopNav />
          <main className="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
