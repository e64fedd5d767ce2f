import "server-only";
import { Prisma } from "@prisma/client";
import type { Db } from "@/lib/db/prisma";
import { fillBuckets, firstBucketStartMs, isoStep, minStepForPollInterval, type TimePoint } from "./buckets";
import type { Aggregation } from "./rollup-math";
import type { Labels } from "./series-registry";
import { chooseTier, type RetentionDays, type Tier } from "./tiers";

export const MAX_SERIES_PER_QUERY = 500;

export interface SeriesQuery {
  clusterId: string;
  metric: string;
  /** exact-match label filter; a series matches when it has all of these */
  labels: Labels;
  from: Date;
  to: Date;
  maxPoints: number;
  aggregation: Aggregation;
  /** the cluster's poll interval: buckets are never finer than it (see minStepForPollInterval) */
  pollIntervalSeconds: number;
}

export interface SeriesResult {
  series: { labels: Record<string, string>; points: TimePoint[] }[];
  step: string;
  stepSeconds: number;
  tier: Tier;
}

export class TooManySeriesError extends Error {
  constructor(count: number) {
    super(`the query matches more than ${MAX_SERIES_PER_QUERY} series (${count}+): add label filters`);
    this.name = "TooManySeriesError";
  }
}

// SQL for each aggregation, over raw samples and over rollup rows (see rollup-math.ts).
const RAW_EXPR: Record<Aggregation, Prisma.Sql> = {
  avg: Prisma.sql`avg(value)`,
  min: Prisma.sql`min(value)`,
  max: Prisma.sql`max(value)`,
  last: Prisma.sql`(array_agg(value ORDER BY ts DESC))[1]`,
  sum: Prisma.sql`sum(value)`,
  count: Prisma.sql`count(*)::float8`,
};
const ROLLUP_EXPR: Record<Aggregation, Prisma.Sql> = {
  avg: Prisma.sql`sum(sum) / sum(count)`,
  min: Prisma.sql`min(min)`,
  max: Prisma.sql`max(max)`,
  last: Prisma.sql`(array_agg(last ORDER BY last_ts DESC))[1]`,
  sum: Prisma.sql`sum(sum)`,
  count: Prisma.sql`sum(count)::float8`,
};

/**
 * The one query behind every chart: finds the matching series, picks tier and step from
 * the range, point budget and poll interval, buckets in SQL and fills buckets without data with null.
 */
export async function querySeries(db: Db, query: SeriesQuery, nowMs: number, retention: RetentionDays): Promise<SeriesResult> {
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  const { tier, stepSeconds } = chooseTier(fromMs, toMs, nowMs, query.maxPoints, retention, minStepForPollInterval(query.pollIntervalSeconds));
  const found = await db.$queryRaw<{ id: bigint; labels: Record<string, string> }[]>`
    SELECT id, labels FROM series
    WHERE cluster_id = ${query.clusterId} AND metric = ${query.metric} AND labels @> ${JSON.stringify(query.labels)}::jsonb
    ORDER BY labels_key LIMIT ${MAX_SERIES_PER_QUERY + 1}`;
  if (found.length > MAX_SERIES_PER_QUERY) throw new TooManySeriesError(found.length);
  const result: SeriesResult = { series: [], step: isoStep(stepSeconds), stepSeconds, tier };
  if (found.length === 0) return result;

  const ids = found.map((row) => Number(row.id));
  const firstBucket = new Date(firstBucketStartMs(fromMs, stepSeconds));
  const step = Prisma.sql`make_interval(secs => ${stepSeconds})`;
  const rows =
    tier === "raw"
      ? await db.$queryRaw<{ series_id: bigint; t: number; v: number | null }[]>`
          SELECT series_id, extract(epoch FROM date_bin(${step}, ts, TIMESTAMPTZ 'epoch'))::float8 * 1000 AS t, ${RAW_EXPR[query.aggregation]} AS v
          FROM samples WHERE series_id = ANY(${ids}::int8[]) AND ts >= ${firstBucket} AND ts < ${query.to}
          GROUP BY 1, 2`
      : await db.$queryRaw<{ series_id: bigint; t: number; v: number | null }[]>`
          SELECT series_id, extract(epoch FROM date_bin(${step}, bucket, TIMESTAMPTZ 'epoch'))::float8 * 1000 AS t, ${ROLLUP_EXPR[query.aggregation]} AS v
          FROM ${Prisma.raw(tier === "1m" ? "rollup_1m" : "rollup_1h")}
          WHERE series_id = ANY(${ids}::int8[]) AND bucket >= ${firstBucket} AND bucket < ${query.to}
          GROUP BY 1, 2`;

  const bySeries = new Map<number, Map<number, number | null>>();
  for (const row of rows) {
    const id = Number(row.series_id);
    const values = bySeries.get(id) ?? new Map<number, number | null>();
    values.set(Number(row.t), row.v === null ? null : Number(row.v));
    bySeries.set(id, values);
  }
  result.series = found.map((row) => ({
    labels: row.labels,
    points: fillBuckets(fromMs, toMs, stepSeconds, bySeries.get(Number(row.id)) ?? new Map()),
  }));
  return result;
}
