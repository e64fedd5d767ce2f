import { guard } from "@/lib/api/guard";
import { withCluster } from "@/lib/api/handlers";
import { apiError, badRequest, json } from "@/lib/api/http";
import { parseSearchParams } from "@/lib/api/query-params";
import { browseDeadLetters, BrowseError } from "@/lib/dlq/browse-dead-letters";
import { deadLetterPageQuerySchema } from "@/lib/dlq/dead-letter-filter";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/clusters/[id]/dead-letters/messages", async (request: Request, { params }: { params: Promise<{ id: string }> }, principal): Promise<Response> => {
  const { id } = await params;
  const query = parseSearchParams(deadLetterPageQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  const { source, filter, page } = query.value;
  return withCluster(id, async ({ db, cluster, config }) => {
    try {
      return json(await browseDeadLetters(db, config, cluster, principal, source, filter, page));
    } catch (error) {
      if (error instanceof BrowseError) return apiError(error.status, error.status === 404 ? "not_found" : "not_browsable", error.message);
      throw error;
    }
  });
});
