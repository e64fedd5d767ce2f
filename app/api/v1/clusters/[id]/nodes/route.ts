import { withQueueCluster } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryNodes } from "@/lib/rabbitmq/store/query-queues";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withQueueCluster(id, "nodes", async ({ db }) => json(await queryNodes(db, id)));
}
