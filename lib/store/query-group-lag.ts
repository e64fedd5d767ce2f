import "server-only";
import type { LagSeriesDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";
import { chooseStepSeconds, fillBuckets, isoStep } from "./buckets";

export interface LagQuery {
  clusterId: string;
  groupId: string;
  from: Date;
  to: Date;
  maxPoints: number;
}

/**
 * Total lag of a group bucketed in SQL (max per bucket: a chart must not hide a spike),
 * with empty buckets as null.
 */
export async function queryGroupLag(db: Db, query: LagQuery): Promise<LagSeriesDto> {
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  const step = chooseStepSeconds(fromMs, toMs, query.maxPoints);
  const rows = await db.$queryRaw<{ bucket: Date; v: number | null }[]>`
    SELECT date_bin(make_interval(secs => ${step}), ts, TIMESTAMPTZ 'epoch') AS bucket, max(total_lag)::float8 AS v
    FROM group_lag_samples
    WHERE cluster_id = ${query.clusterId} AND group_id = ${query.groupId} AND ts >= ${query.from} AND ts < ${query.to}
    GROUP BY bucket
    ORDER BY bucket`;
  const values = new Map(rows.map((row) => [new Date(row.bucket).getTime(), row.v]));
  return { points: fillBuckets(fromMs, toMs, step, values), step: isoStep(step), from: query.from.toISOString(), to: query.to.toISOString() };
}

export async function groupHasHistory(db: Db, clusterId: string, groupId: string): Promise<boolean> {
  const found = await db.groupLagSample.findFirst({ where: { clusterId, groupId }, select: { ts: true } });
  return found !== null;
}
