import { ProjectTimelinePage } from "@/components/rounds/timeline-page";

export const metadata = { title: "Round timeline · Flywheel Studio" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const projectId = Number(id);
  if (!Number.isInteger(projectId) || projectId < 1) return <div className="page"><p className="alert error">“{id}” is not a project id.</p></div>;
  return <ProjectTimelinePage projectId={projectId} />;
}
