import { guard } from "@/lib/api/guard";
import { json, serverError } from "@/lib/api/http";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";
import { listClusters } from "@/lib/overview/list-clusters";
import { describeError } from "@/lib/util/describe-error";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters", async (_request: Request, _context: unknown): Promise<Response> => {
  try {
    return json({ clusters: (await listClusters(getPrisma(), getConfig(), new Date())).map((cluster) => cluster.dto) });
  } catch (error) {
    return serverError(describeError(error));
  }
});
