import "server-only";
import type { Principal } from "@/lib/auth/roles";
import type { ClusterConfig, QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { BrowseError } from "@/lib/dlq/browse-dead-letters";
import { messageIdOf, sourceParamsSchema } from "@/lib/dlq/dead-letter-filter";
import type { DeadLetterSourceRef } from "@/lib/dlq/source-key";
import { withCluster } from "./handlers";
import { apiError, badRequest } from "./http";
import { parseSearchParams } from "./query-params";

export interface HeldMessageRequest {
  db: Db;
  config: QueuewatchConfig;
  cluster: ClusterConfig;
  principal: Principal;
  source: DeadLetterSourceRef;
  id: bigint;
}

/** A route about one held dead letter: `?topic=` or `?vhost=&queue=` and a numeric id, checked; a browse problem answers 404/409. */
export async function withHeldMessage(request: Request, clusterId: string, messageId: string, principal: Principal, handle: (ctx: HeldMessageRequest) => Promise<Response>): Promise<Response> {
  const source = parseSearchParams(sourceParamsSchema, new URL(request.url).searchParams);
  if (!source.ok) return badRequest(source.message);
  const id = messageIdOf(messageId);
  if (id === null) return badRequest("the message id must be a number, as in a page's `id`");
  return withCluster(clusterId, async ({ db, cluster, config }) => {
    try {
      return await handle({ db, config, cluster, principal, source: source.value, id });
    } catch (error) {
      if (error instanceof BrowseError) return apiError(error.status, error.status === 404 ? "not_found" : "not_browsable", error.message);
      throw error;
    }
  });
}
