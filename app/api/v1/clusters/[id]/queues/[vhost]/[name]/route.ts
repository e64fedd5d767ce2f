import { guard } from "@/lib/api/guard";
import { withQueueCluster } from "@/lib/api/handlers";
import { json, notFound } from "@/lib/api/http";
import { queryQueue } from "@/lib/rabbitmq/store/query-queues";

export const dynamic = "force-dynamic";

// vhost and name arrive URL-decoded ("/" is sent as %2F); any character is allowed in both.
export const GET = guard("GET /api/v1/clusters/[id]/queues/[vhost]/[name]", async (_request: Request, { params }: { params: Promise<{ id: string; vhost: string; name: string }> }): Promise<Response> => {
  const { id, vhost, name } = await params;
  return withQueueCluster(id, "queues", async ({ db, noConsumersAfterMs }) => {
    const queue = await queryQueue(db, id, vhost, name, noConsumersAfterMs);
    return queue ? json(queue) : notFound(`unknown queue "${name}" in vhost "${vhost}" of cluster "${id}"`);
  });
});
