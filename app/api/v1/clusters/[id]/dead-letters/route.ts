import { guard } from "@/lib/api/guard";
import { withCluster } from "@/lib/api/handlers";
import { json } from "@/lib/api/http";
import { listDeadLetters } from "@/lib/brokers/registry";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/dead-letters", async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await params;
  return withCluster(id, async ({ db, cluster }) => json({ deadLetters: await listDeadLetters(db, cluster) }));
});
