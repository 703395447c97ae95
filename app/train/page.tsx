import { TrainPage } from "@/components/train/train-page";
import { BACKENDS, type Backend } from "@/lib/train/protocol";

export default async function Page({ searchParams }: { searchParams: Promise<{ from?: string; backend?: string }> }) {
  const { from, backend } = await searchParams;
  const known = BACKENDS.find((b) => b === backend) as Backend | undefined;
  return <TrainPage from={typeof from === "string" ? from : ""} backend={known} />;
}
