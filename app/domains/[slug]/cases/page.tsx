import Link from "next/link";
import { CaseTable } from "@/components/cases/case-table";

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <div className="page">
      <p className="muted" style={{ margin: 0 }}><Link href="/">Domains</Link> / <Link href={`/domains/${slug}`}>{slug}</Link> / cases</p>
      <h1>Test cases</h1>
      <CaseTable slug={slug} />
    </div>
  );
}
