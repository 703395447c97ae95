import { DomainPage } from "@/components/domains/domain-page";

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  return <DomainPage slug={(await params).slug} />;
}
