import Link from "next/link";
import { DomainList } from "@/components/domains/domain-list";

export default function HomePage() {
  return (
    <div className="page">
      <div className="spread">
        <div>
          <h1>Domains</h1>
          <p className="lede">A domain is a set of tools, a database and a policy. Its behavior trees become verified test cases.</p>
        </div>
        <Link className="btn primary" href="/domains/new" data-testid="new-domain">
          New domain
        </Link>
      </div>
      <DomainList />
    </div>
  );
}
