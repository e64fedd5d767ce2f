import { guard } from "@/lib/api/guard";
import { withResource } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryTopics } from "@/lib/kafka/store/query-kafka-cluster";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/topics", async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await params;
  return withResource(id, "topics", async ({ db }) => json({ topics: await queryTopics(db, id) }));
});
