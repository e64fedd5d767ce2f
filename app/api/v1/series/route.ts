import { guard } from "@/lib/api/guard";
import { withCluster } from "@/lib/api/handlers";
import { badRequest, json } from "@/lib/api/http";
import { parseSearchParams, seriesQuerySchema } from "@/lib/api/query-params";
import { encodeSeries } from "@/lib/api/time-points";
import { pollIntervalSecondsFor } from "@/lib/config/cluster-settings";
import { retentionDaysOf } from "@/lib/store/tiers";
import { querySeries, TooManySeriesError } from "@/lib/store/query-series";

export const dynamic = "force-dynamic";

export const GET = guard("GET /api/v1/series", async (request: Request, _context: unknown): Promise<Response> => {
  const query = parseSearchParams(seriesQuerySchema, new URL(request.url).searchParams);
  if (!query.ok) return badRequest(query.message);
  const { cluster, metric, labels, from, to, points, aggregation } = query.value;
  return withCluster(cluster, async ({ db, cluster: clusterConfig, config }) => {
    try {
      const pollIntervalSeconds = pollIntervalSecondsFor(clusterConfig, config.pollIntervalSeconds);
      const result = await querySeries(db, { clusterId: cluster, metric, labels, from, to, maxPoints: points, aggregation, pollIntervalSeconds }, Date.now(), retentionDaysOf(config));
      return json({ series: encodeSeries(result.series), step: result.step, tier: result.tier });
    } catch (error) {
      if (error instanceof TooManySeriesError) return badRequest(error.message);
      throw error;
    }
  });
});
