import { guard } from "@/lib/api/guard";
import { badRequest, json } from "@/lib/api/http";
import { parseSearchParams } from "@/lib/api/query-params";
import { alertsQuerySchema } from "@/lib/alerts/instances/alert-query";
import { listAlerts } from "@/lib/alerts/instances/list-alerts";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/alerts", async (request: Request): Promise<Response> => {
  const query = parseSearchParams(alertsQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  const now = new Date();
  return json({ alerts: await listAlerts(getPrisma(), now, { clusterId: query.value.cluster }), at: now.toISOString() });
});
