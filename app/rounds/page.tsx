import { RoundsPage } from "@/components/rounds/rounds-page";

export const metadata = { title: "Rounds · Flywheel Studio" };

export default function Page() {
  return <RoundsPage />;
}
