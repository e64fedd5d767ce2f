import { guard } from "@/lib/api/guard";
import { withResource } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryBrokers } from "@/lib/kafka/store/query-kafka-cluster";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/brokers", async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await params;
  return withResource(id, "brokers", async ({ db }) => json(await queryBrokers(db, id)));
});
