import { z } from "zod";
import { guard } from "@/lib/api/guard";
import { badRequest, json } from "@/lib/api/http";
import { parseSearchParams } from "@/lib/api/query-params";
import { listDeliveries } from "@/lib/alerts/contact-points/list-contact-points";
import { getPrisma } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

const query = z.strictObject({ contactPoint: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const GET = guard("GET /api/v1/contact-points/deliveries", async (request: Request): Promise<Response> => {
  const parsed = parseSearchParams(query, new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.message);
  return json({ deliveries: await listDeliveries(getPrisma(), parsed.value) });
});
