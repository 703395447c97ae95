import { TreeEditor } from "@/components/editor/tree-editor";

export const metadata = { title: "Tree editor · Flywheel Studio" };

export default async function TreePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const treeId = Number(id);
  if (!Number.isInteger(treeId) || treeId < 1) {
    return <div className="page"><p className="alert error">“{id}” is not a tree id.</p></div>;
  }
  return <TreeEditor treeId={treeId} />;
}
