import Link from "next/link";
import { LlmSettingsForm } from "@/components/settings/llm-settings-form";

export default function Page() {
  return (
    <div className="page">
      <div className="spread">
        <h1>Settings</h1>
        <Link href="/settings/accounts" className="btn small">Accounts →</Link>
      </div>
      <p className="lede">The LLM provider for case wording, tree expansion and simulated users. Everyone signed in can read these; only admins can save.</p>
      <LlmSettingsForm />
    </div>
  );
}
