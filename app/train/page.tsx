import { TrainPage } from "@/components/train/train-page";

export default async function Page({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  return <TrainPage from={typeof from === "string" ? from : ""} />;
}
