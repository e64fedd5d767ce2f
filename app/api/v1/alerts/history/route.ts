import { guard } from "@/lib/api/guard";
import { badRequest, json } from "@/lib/api/http";
import { parseSearchParams } from "@/lib/api/query-params";
import { historyQuerySchema } from "@/lib/alerts/instances/alert-query";
import { alertHistory } from "@/lib/alerts/instances/list-alerts";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/alerts/history", async (request: Request): Promise<Response> => {
  const query = parseSearchParams(historyQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  const { fingerprint, limit, ...entity } = query.value;
  const labels = Object.fromEntries(Object.entries(entity).flatMap(([name, value]) => (value === undefined ? [] : [[name, value]])));
  return json({ transitions: await alertHistory(getPrisma(), { fingerprint, labels, limit }) });
});
