import { backendAvailability } from "@/lib/train/backends";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Which trainer backends can start a round here, and what each runs on or lacks. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json({ backends: await backendAvailability() });
});
