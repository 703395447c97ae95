import { GeneratePage } from "@/components/generate/generate-page";

export default function Page() {
  return <GeneratePage />;
}
