import { Suspense } from "react";
import { FocusView } from "@/components/review/focus-view";

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  return (
    <Suspense fallback={<div className="page muted">Loading…</div>}>
      <FocusView id={id} />
    </Suspense>
  );
}
