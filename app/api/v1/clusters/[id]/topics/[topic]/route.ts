import { guard } from "@/lib/api/guard";
import { withResource } from "@/lib/api/handlers";
import { json, notFound } from "@/lib/api/http";
import { queryTopic } from "@/lib/kafka/store/query-kafka-cluster";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/topics/[topic]", async (_request: Request, { params }: { params: Promise<{ id: string; topic: string }> }): Promise<Response> => {
  const { id, topic } = await params;
  return withResource(id, "topics", async ({ db }) => {
    const detail = await queryTopic(db, id, topic);
    return detail ? json(detail) : notFound(`unknown topic "${topic}" in cluster "${id}"`);
  });
});
