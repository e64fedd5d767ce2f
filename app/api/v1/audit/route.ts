import { guard } from "@/lib/api/guard";
import { badRequest, json } from "@/lib/api/http";
import { parseSearchParams } from "@/lib/api/query-params";
import { auditQuerySchema, queryAudit } from "@/lib/audit/query-audit";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/audit", async (request: Request): Promise<Response> => {
  const query = parseSearchParams(auditQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  return json(await queryAudit(getPrisma(), query.value));
});
