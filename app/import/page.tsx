import { ImportForm } from "@/components/import/import-form";

export default function ImportPage() {
  return (
    <div className="page">
      <h1>Import</h1>
      <p className="lede">The AgenticQwen paper&apos;s released records become reviewable cases with a replay environment; its policy trees become editable behavior trees (prose conditions kept as labels).</p>
      <ImportForm />
    </div>
  );
}
