import { withQueueCluster } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryNodes } from "@/lib/store/query-rabbitmq";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withQueueCluster(id, async ({ db }) => json(await queryNodes(db, id)));
}
