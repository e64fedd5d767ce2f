import { withResource } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { queryBrokers } from "@/lib/kafka/store/query-kafka-cluster";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withResource(id, "brokers", async ({ db }) => json(await queryBrokers(db, id)));
}
