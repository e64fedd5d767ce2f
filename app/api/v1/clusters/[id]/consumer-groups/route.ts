import { guard } from "@/lib/api/guard";
import { withResource } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryConsumerGroups } from "@/lib/kafka/store/query-consumer-groups";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/consumer-groups", async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await params;
  return withResource(id, "consumer-groups", async ({ db }) => json({ groups: await queryConsumerGroups(db, id) }));
});
