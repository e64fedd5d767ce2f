import { json, serverError } from "@/lib/api/http";
import { describeError } from "@/lib/collector/describe-error";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";
import { queryClusters } from "@/lib/store/query-clusters";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return json({ clusters: await queryClusters(getPrisma(), getConfig(), new Date()) });
  } catch (error) {
    return serverError(describeError(error));
  }
}
