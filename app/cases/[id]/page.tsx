import { CaseDetail } from "@/components/cases/case-detail";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  return <CaseDetail id={Number((await params).id)} />;
}
