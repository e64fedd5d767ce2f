import { guard } from "@/lib/api/guard";
import { withResource } from "@/lib/api/handlers";
import { badRequest, json, notFound } from "@/lib/api/http";
import { lagQuerySchema, parseSearchParams } from "@/lib/api/query-params";
import { pollIntervalSecondsFor } from "@/lib/config/cluster-settings";
import { retentionDaysOf } from "@/lib/store/tiers";
import { queryConsumerGroup } from "@/lib/kafka/store/query-consumer-groups";
import { groupHasHistory, queryGroupLag } from "@/lib/kafka/store/query-group-lag";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/consumer-groups/[groupId]/lag", async (request: Request, { params }: { params: Promise<{ id: string; groupId: string }> }): Promise<Response> => {
  const { id, groupId } = await params;
  const query = parseSearchParams(lagQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  return withResource(id, "consumer-groups", async ({ db, cluster, config }) => {
    const known = (await groupHasHistory(db, id, groupId)) || (await queryConsumerGroup(db, id, groupId)) !== null;
    if (!known) return notFound(`unknown consumer group "${groupId}" in cluster "${id}"`);
    const { from, to, points } = query.value;
    return json(await queryGroupLag(db, { clusterId: id, groupId, from, to, maxPoints: points, pollIntervalSeconds: pollIntervalSecondsFor(cluster, config.pollIntervalSeconds) }, Date.now(), retentionDaysOf(config)));
  });
});
