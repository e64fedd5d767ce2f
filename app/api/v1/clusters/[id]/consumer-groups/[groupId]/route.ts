import { guard } from "@/lib/api/guard";
import { withResource } from "@/lib/api/handlers";
import { json, notFound } from "@/lib/api/http";
import { queryConsumerGroup } from "@/lib/kafka/store/query-consumer-groups";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/consumer-groups/[groupId]", async (_request: Request, { params }: { params: Promise<{ id: string; groupId: string }> }): Promise<Response> => {
  const { id, groupId } = await params;
  return withResource(id, "consumer-groups", async ({ db }) => {
    const group = await queryConsumerGroup(db, id, groupId);
    return group ? json(group) : notFound(`unknown consumer group "${groupId}" in cluster "${id}"`);
  });
});
