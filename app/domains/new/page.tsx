import { NewDomainForm } from "@/components/domains/new-domain-form";

export default function NewDomainPage() {
  return (
    <div className="page">
      <h1>New domain</h1>
      <p className="lede">Name the domain; you add its tools, database and policy next.</p>
      <NewDomainForm />
    </div>
  );
}
