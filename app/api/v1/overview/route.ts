import { guard } from "@/lib/api/guard";
import { json, serverError } from "@/lib/api/http";
import { describeError } from "@/lib/util/describe-error";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";
import { queryOverview } from "@/lib/overview/query-overview";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/overview", async (_request: Request, _context: unknown): Promise<Response> => {
  try {
    return json(await queryOverview(getPrisma(), getConfig(), new Date()));
  } catch (error) {
    return serverError(describeError(error));
  }
});
