import { ReasoningPage } from "@/components/reasoning/reasoning-page";

/** ?agent=builtin:<checkpoint>&domain=<slug> pre-fills the Evaluate step (a trainer checkpoint's "On problems"). */
export default async function Page({ searchParams }: { searchParams: Promise<{ agent?: string; domain?: string }> }) {
  const { agent, domain } = await searchParams;
  return <ReasoningPage agent={typeof agent === "string" ? agent : undefined} domain={typeof domain === "string" ? domain : undefined} />;
}
