"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Domains" },
  { href: "/import", label: "Import" },
];

export function TopNav() {
  const path = usePathname();
  return (
    <header className="topnav">
      <Link href="/" className="brand">
        <span className="brand-mark">◎</span> Flywheel Studio
      </Link>
      <nav>
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} className={path === l.href || (l.href === "/" && path.startsWith("/domains")) ? "active" : ""}>
            {l.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
