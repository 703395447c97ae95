// Next.js calls register() once when the server starts (never during `next build`). The studio
// runs its job runner here, in the Node.js runtime only; FLYWHEEL_JOBS=off leaves jobs to a
// separate `flywheel worker`.
export async function register(): Promise<void> {
  // Written as one literal check so the edge bundle drops the import (Next inlines NEXT_RUNTIME).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (process.env.FLYWHEEL_JOBS === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
    const { startInProcessRunner } = await import("./lib/jobs/in-process");
    await startInProcessRunner();
  }
}
