import "server-only";
import { encodePoints } from "@/lib/api/time-points";
import type { LagSeriesDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";
import { KAFKA_METRICS } from "@/lib/kafka/kafka-series";
import { fillBuckets } from "@/lib/store/buckets";
import { querySeries } from "@/lib/store/query-series";
import type { RetentionDays } from "@/lib/store/tiers";

export interface LagQuery {
  clusterId: string;
  groupId: string;
  from: Date;
  to: Date;
  maxPoints: number;
  pollIntervalSeconds: number;
}

/** Total lag of a group through the series store (max per bucket: a chart must not hide a spike). */
export async function queryGroupLag(db: Db, query: LagQuery, nowMs: number, retention: RetentionDays): Promise<LagSeriesDto> {
  const result = await querySeries(
    db,
    { clusterId: query.clusterId, metric: KAFKA_METRICS.groupLag, labels: { group: query.groupId }, from: query.from, to: query.to, maxPoints: query.maxPoints, aggregation: "max", pollIntervalSeconds: query.pollIntervalSeconds },
    nowMs,
    retention,
  );
  const exact = result.series.find((s) => s.labels.group === query.groupId);
  const points = exact?.points ?? fillBuckets(query.from.getTime(), query.to.getTime(), result.stepSeconds, new Map());
  return { points: encodePoints(points), step: result.step, tier: result.tier, from: query.from.toISOString(), to: query.to.toISOString() };
}

export async function groupHasHistory(db: Db, clusterId: string, groupId: string): Promise<boolean> {
  const found = await db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM series WHERE cluster_id = ${clusterId} AND metric = ${KAFKA_METRICS.groupLag} AND labels @> ${JSON.stringify({ group: groupId })}::jsonb LIMIT 1`;
  return found.length > 0;
}
