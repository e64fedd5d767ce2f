import { guard } from "@/lib/api/guard";
import { withQueueCluster } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryNodes } from "@/lib/rabbitmq/store/query-queues";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/nodes", async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await params;
  return withQueueCluster(id, "nodes", async ({ db }) => json(await queryNodes(db, id)));
});
