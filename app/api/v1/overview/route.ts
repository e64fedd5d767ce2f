import { json, serverError } from "@/lib/api/http";
import { describeError } from "@/lib/util/describe-error";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";
import { queryOverview } from "@/lib/overview/query-overview";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return json(await queryOverview(getPrisma(), getConfig(), new Date()));
  } catch (error) {
    return serverError(describeError(error));
  }
}
