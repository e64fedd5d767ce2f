import { withCluster } from "@/lib/api/handlers";
import { badRequest, json, notFound } from "@/lib/api/http";
import { lagQuerySchema, parseSearchParams } from "@/lib/api/query-params";
import { groupHasHistory, queryGroupLag } from "@/lib/store/query-group-lag";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; groupId: string }> }): Promise<Response> {
  const { id, groupId } = await params;
  const query = parseSearchParams(lagQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  return withCluster(id, async ({ db }) => {
    if (!(await groupHasHistory(db, id, groupId))) return notFound(`unknown consumer group "${groupId}" in cluster "${id}"`);
    const { from, to, points } = query.value;
    return json(await queryGroupLag(db, { clusterId: id, groupId, from, to, maxPoints: points }));
  });
}
