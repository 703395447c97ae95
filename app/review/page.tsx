import { Suspense } from "react";
import { ReviewQueue } from "@/components/review/review-queue";

export default function Page() {
  return (
    <Suspense fallback={<div className="page muted">Loading…</div>}>
      <ReviewQueue />
    </Suspense>
  );
}
