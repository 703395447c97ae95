import { getAuth } from "../../_shared/auth";

export const dynamic = "force-dynamic";

// better-auth's own endpoints (sign-in/email, sign-out, get-session, …); the instance is made on first request.
export const GET = (req: Request) => getAuth().handler(req);
export const POST = (req: Request) => getAuth().handler(req);
