import { withCluster } from "@/lib/api/handlers";
import { badRequest, json } from "@/lib/api/http";
import { queryBrokers } from "@/lib/store/query-kafka-cluster";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withCluster(id, async ({ db, cluster }) => {
    if (cluster.kind !== "kafka") return badRequest(`cluster "${id}" is a ${cluster.kind} cluster: it has no Kafka brokers`);
    return json(await queryBrokers(db, id));
  });
}
