import { ReasoningPage } from "@/components/reasoning/reasoning-page";

export default function Page() {
  return <ReasoningPage />;
}
