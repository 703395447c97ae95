"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

const LINKS = [
  { href: "/", label: "Domains", match: (p: string) => p === "/" || p.startsWith("/domains") || p.startsWith("/trees") || p.startsWith("/cases") },
  { href: "/generate", label: "Generate", match: (p: string) => p.startsWith("/generate") },
  { href: "/review", label: "Review", match: (p: string) => p.startsWith("/review") },
  { href: "/datasets", label: "Datasets", match: (p: string) => p.startsWith("/datasets") },
  { href: "/train", label: "Train", match: (p: string) => p.startsWith("/train") },
  { href: "/rounds", label: "Rounds", match: (p: string) => p.startsWith("/rounds") },
  { href: "/reasoning", label: "Reasoning", match: (p: string) => p.startsWith("/reasoning") },
  { href: "/import", label: "Import", match: (p: string) => p.startsWith("/import") },
  { href: "/settings", label: "Settings", match: (p: string) => p.startsWith("/settings") },
];

/** The top bar; `account` is the signed-in user's menu (rendered by the auth module). */
export function TopNav({ account }: { account?: ReactNode }) {
  const path = usePathname();
  return (
    <header className="topnav">
      <Link href="/" className="brand">
        <span className="brand-mark">◎</span> Flywheel Studio
      </Link>
      <nav>
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} className={l.match(path) ? "active" : ""}>
            {l.label}
          </Link>
        ))}
      </nav>
      <div style={{ marginLeft: "auto" }}>{account}</div>
    </header>
  );
}
