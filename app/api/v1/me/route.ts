import { guard } from "@/lib/api/guard";
import { json } from "@/lib/api/http";
import { describeMe } from "@/lib/auth/describe-me";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/me", async (_request: Request, _context: unknown, principal): Promise<Response> => json({ me: await describeMe(principal) }));
