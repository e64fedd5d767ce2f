// The alert rule backtest over the store: which entities the rule selects, their history bucketed in SQL
// (rollup tiers for long ranges), then the pure replay in backtest-series.ts with the live state machine. For 1d
// and 7d, the hourly tier first rules out the entities that never come near the threshold (coarse, then fine).
import "server-only";
import { Prisma } from "@prisma/client";
import { labelSetString } from "../alertmanager-format";
import type { CompiledRule } from "../compile-rule";
import { entityLabels } from "../evaluate-poll";
import type { ComparisonOp } from "../rule-schema";
import {
  backtestEntity,
  bucketAggregation,
  coarsePrefilterApplies,
  mayBreachInside,
  summarizeBacktest,
  type BacktestFiring,
  type BacktestRange,
  type BacktestResult,
  type BucketAggregation,
  type EntitySeries,
} from "./backtest-series";
import { encodeSeries } from "@/lib/api/time-points";
import type { SeriesDto } from "@/lib/api/types";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { bucketCount, bucketStarts, firstBucketStartMs, type TimePoint } from "@/lib/store/buckets";
import { chunks } from "@/lib/util/chunks";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Each range's bucket step and the rollup tier that resolves it (the newest, not yet rolled-up part comes from finer sources). */
export interface BacktestPlan {
  days: number;
  tier: "1m" | "1h";
  stepSeconds: number;
}

export const BACKTEST_PLANS: Record<BacktestRange, BacktestPlan> = {
  "1d": { days: 1, tier: "1m", stepSeconds: 60 },
  "7d": { days: 7, tier: "1m", stepSeconds: 300 },
  "30d": { days: 30, tier: "1h", stepSeconds: 3600 },
};

export const MAX_BACKTEST_ENTITIES = 5000;
export const MAX_LISTED_FIRINGS = 500;
export const MAX_CHART_ENTITIES = 20;
/**
 * Bucket values per store query. The per-series arrays are built in a hash that spills to disk past
 * work_mem × hash_mem_multiplier (8 MB by default, ~36 bytes a value): 1,000 series × 720 buckets in one query
 * took 740 ms, four queries of 250 took 4 × 125 ms. A chunk is replayed and dropped, so memory stays bounded too.
 */
const BUCKETS_PER_QUERY = 180_000;

export class TooManyEntitiesError extends Error {
  constructor(count: number) {
    super(`the rule selects ${count.toLocaleString("en-US")} entities; a backtest replays at most ${MAX_BACKTEST_ENTITIES.toLocaleString("en-US")}: narrow its matchers`);
    this.name = "TooManyEntitiesError";
  }
}

export interface BacktestAnswer {
  range: BacktestRange;
  tier: "1m" | "1h";
  stepSeconds: number;
  /** epoch ms: the range asked for; buckets start at or after `from` */
  from: number;
  to: number;
  /** the first MAX_LISTED_FIRINGS firings by start time; `firingCount` counts them all */
  result: BacktestResult & { firingCount: number };
  /** the evaluated bucket values of the entities that fired most (longest in all, then most often), for a chart with the threshold line */
  chart: { series: EntitySeries[]; threshold: number; op: ComparisonOp };
}

interface Entity {
  id: number;
  labels: Record<string, string>;
}

/** A series' labels as stored (jsonb of strings). */
function stringLabels(json: Prisma.JsonValue): Record<string, string> {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The rule's entities, labelled as the live evaluator labels them ({cluster, ...the metric's entity labels}); one series per entity. */
async function selectEntities(db: Db, config: QueuewatchConfig, rule: CompiledRule): Promise<Entity[]> {
  const clusterIds = config.clusters.map((cluster) => cluster.id).filter((id) => rule.matchesCluster(id));
  if (clusterIds.length === 0) return [];
  const rows = await db.series.findMany({
    where: { clusterId: { in: clusterIds }, metric: rule.metric },
    select: { id: true, clusterId: true, labels: true },
    orderBy: [{ clusterId: "asc" }, { labelsKey: "asc" }],
  });
  const entities = new Map<string, Entity>();
  for (const row of rows) {
    const labels = stringLabels(row.labels);
    if (!rule.matchesEntity(labels)) continue;
    const entity = entityLabels(rule, row.clusterId, labels);
    const key = labelSetString(entity);
    if (!entities.has(key)) entities.set(key, { id: Number(row.id), labels: entity });
  }
  if (entities.size > MAX_BACKTEST_ENTITIES) throw new TooManyEntitiesError(entities.size);
  return [...entities.values()];
}

/** Each rollup tier's watermark (rollup_state.done_until, epoch ms), by tier. */
type Watermarks = ReadonlyMap<string, number>;

async function readWatermarks(db: Db): Promise<Watermarks> {
  return new Map((await db.rollupState.findMany()).map((row) => [row.tier, row.doneUntil.getTime()]));
}

/** Resolution of the rollup tiers, in seconds. */
const TIER_SECONDS = { "1m": 60, "1h": 3600 } as const;

interface Sources {
  /** the plan's tier, read as it is (one row per bucket) before `directUntil`, when its resolution is the step */
  directUntil: number;
  /** rollup_1m rows, merged into step buckets, from `directUntil` to here; raw samples from here on */
  minuteUntil: number;
}

/**
 * Where each source takes over. A tier's watermark (rollup_state) says how far its buckets are final; rows
 * newer than that are partial or not written yet, so they come from the finer source instead: the plan's tier
 * before `directUntil`, rollup_1m before `minuteUntil`, raw samples after. Watermarks are whole minutes (1m)
 * or hours (1h), so every bucket of the direct part comes from that tier alone and no poll counts twice.
 */
function sourcesOf(marks: Watermarks, plan: BacktestPlan, firstMs: number, toMs: number): Sources {
  const clamp = (ms: number) => Math.min(toMs, Math.max(firstMs, ms));
  const directMark = marks.get(plan.tier);
  const directUntil = TIER_SECONDS[plan.tier] === plan.stepSeconds && directMark !== undefined ? clamp(directMark) : firstMs;
  const minuteMark = marks.get("1m");
  return { directUntil, minuteUntil: minuteMark !== undefined ? clamp(Math.max(minuteMark, directUntil)) : directUntil };
}

// The bucket value the rule is evaluated on (bucketAggregation): the rollup column, and how rows merge into a step.
const ROLLUP_COLUMN: Record<BucketAggregation, Prisma.Sql> = { max: Prisma.sql`max`, min: Prisma.sql`min`, last: Prisma.sql`last` };
const MERGE: Record<BucketAggregation, Prisma.Sql> = { max: Prisma.sql`max(v)`, min: Prisma.sql`min(v)`, last: Prisma.sql`(array_agg(v ORDER BY at DESC))[1]` };

interface BucketQuery extends Sources {
  ids: number[];
  tier: "1m" | "1h";
  aggregation: BucketAggregation;
  stepSeconds: number;
  firstMs: number;
  toMs: number;
}

/** A comma-separated list of numbers as the query sends it. */
const numbersOf = (text: string): number[] => (text === "" ? [] : text.split(",").map(Number));

/**
 * One query for a chunk of series over every source: per series, the indices of its non-empty buckets and their
 * values (paired by position: both aggregates see the rows in the same order). Only the rows finer than the step
 * are grouped (date_bin): the direct tier's rows already are buckets, and grouping those too doubled the query's
 * time. The lists come as text: parsing float8[] and int4[] arrays in the driver took 2× the query itself
 * (float8 text output is the shortest exact form, so nothing is rounded).
 */
async function queryBuckets(db: Db, q: BucketQuery): Promise<Map<number, { i: number[]; v: number[] }>> {
  const column = ROLLUP_COLUMN[q.aggregation];
  const [first, directUntil, minuteUntil, to] = [q.firstMs, q.directUntil, q.minuteUntil, q.toMs].map((ms) => new Date(ms));
  const rows = await db.$queryRaw<{ series_id: bigint; i: string; v: string }[]>`
    WITH fine AS (
      SELECT series_id, bucket AS ts, ${column} AS v, last_ts AS at FROM rollup_1m
      WHERE series_id = ANY(${q.ids}::int8[]) AND bucket >= ${directUntil} AND bucket < ${minuteUntil}
      UNION ALL
      SELECT series_id, ts, value, ts FROM samples
      WHERE series_id = ANY(${q.ids}::int8[]) AND ts >= ${minuteUntil} AND ts < ${to}
    ), buckets AS (
      SELECT series_id, bucket AS t, ${column} AS v FROM ${Prisma.raw(q.tier === "1h" ? "rollup_1h" : "rollup_1m")}
      WHERE series_id = ANY(${q.ids}::int8[]) AND bucket >= ${first} AND bucket < ${directUntil}
      UNION ALL
      SELECT series_id, date_bin(make_interval(secs => ${q.stepSeconds}), ts, TIMESTAMPTZ 'epoch'), ${MERGE[q.aggregation]} FROM fine GROUP BY 1, 2
    )
    SELECT series_id,
      string_agg(round((extract(epoch FROM t)::float8 * 1000 - ${q.firstMs}::float8) / ${q.stepSeconds * 1000}::float8)::int4::text, ',') AS i,
      string_agg(v::text, ',') AS v
    FROM buckets GROUP BY 1`;
  return new Map(rows.map((row) => [Number(row.series_id), { i: numbersOf(row.i), v: numbersOf(row.v) }]));
}

/**
 * The entities of `ids` whose buckets at the plan's step may breach (mayBreachInside), judged from hour buckets over
 * the same sources as the fine read: rollup_1h before `hourlyUntil`, and from there exactly the rows the fine read
 * takes (rollup_1m before `minuteUntil`, raw after) merged into hours. `hourlyUntil` is a whole hour at or before both
 * watermarks, so each such hour was merged by the rollup pass from final 1-minute rows (lib/store/rollup.ts): its
 * max (min) bounds every fine bucket inside it. Hours start at the one holding `firstMs`; the part before `firstMs`
 * only adds rows, which can make an entity "maybe" but never hides a breach. Per series, the query returns just the
 * count of hours with a value and their extreme, not the hours.
 */
async function entitiesThatMayBreach(db: Db, rule: CompiledRule, ids: number[], marks: Watermarks, sources: Sources, firstMs: number, toMs: number): Promise<Set<number>> {
  const aggregation = bucketAggregation(rule.op);
  if (aggregation === "last") return new Set(ids);
  const column = ROLLUP_COLUMN[aggregation];
  const hourFirst = Math.floor(firstMs / HOUR_MS) * HOUR_MS;
  const hours = bucketCount(hourFirst, toMs, 3600);
  const hourMark = marks.get("1h") ?? hourFirst;
  const hourlyUntil = Math.max(hourFirst, Math.floor(Math.min(hourMark, sources.minuteUntil) / HOUR_MS) * HOUR_MS);
  const [first, hourly, minuteUntil, to] = [hourFirst, hourlyUntil, sources.minuteUntil, toMs].map((ms) => new Date(ms));
  const mayBreach = new Set<number>();
  for (const chunk of chunks(ids, Math.max(1, Math.floor(BUCKETS_PER_QUERY / Math.max(1, hours))))) {
    // NaN sorts above every number in Postgres, so a NaN hour is left out of the extreme and counted as missing.
    const rows = await db.$queryRaw<{ series_id: bigint; with_value: number; extreme: string | null }[]>`
      WITH fine AS (
        SELECT series_id, bucket AS ts, ${column} AS v FROM rollup_1m
        WHERE series_id = ANY(${chunk}::int8[]) AND bucket >= ${hourly} AND bucket < ${minuteUntil}
        UNION ALL
        SELECT series_id, ts, value FROM samples
        WHERE series_id = ANY(${chunk}::int8[]) AND ts >= ${minuteUntil} AND ts < ${to}
      ), hours AS (
        SELECT series_id, ${column} AS v FROM rollup_1h
        WHERE series_id = ANY(${chunk}::int8[]) AND bucket >= ${first} AND bucket < ${hourly}
        UNION ALL
        SELECT series_id, ${MERGE[aggregation]} FROM fine GROUP BY series_id, date_bin('1 hour', ts, TIMESTAMPTZ 'epoch')
      )
      SELECT series_id, (count(*) FILTER (WHERE v <> 'NaN'))::int4 AS with_value, (${column}(v) FILTER (WHERE v <> 'NaN'))::text AS extreme
      FROM hours GROUP BY 1`;
    for (const row of rows) {
      if (mayBreachInside(rule, { buckets: hours, withValue: row.with_value, extreme: row.extreme === null ? null : Number(row.extreme) })) mayBreach.add(Number(row.series_id));
    }
    // A series without a single row has no hour with a value: "maybe", like any other missing hour.
    const answered = new Set(rows.map((row) => Number(row.series_id)));
    for (const id of chunk) if (!answered.has(id)) mayBreach.add(id);
  }
  return mayBreach;
}

/** One entity's points on the bucket grid from a queryBuckets answer (missing buckets are null). */
function seriesOf(entity: Entity, starts: readonly number[], found: { i: number[]; v: number[] } | undefined): EntitySeries {
  const points: TimePoint[] = starts.map((t) => ({ t, v: null }));
  found?.i.forEach((index, n) => {
    const point = points[index];
    if (point) point.v = found.v[n] ?? null;
  });
  return { labels: entity.labels, points };
}

interface ChartCandidate {
  entity: Entity;
  /** null: ruled out by the prefilter, its buckets not read (yet) */
  series: EntitySeries | null;
  firingMs: number;
  firings: number;
  order: number;
}

const byMostFiring = (a: ChartCandidate, b: ChartCandidate) => b.firingMs - a.firingMs || b.firings - a.firings || a.order - b.order;

export interface BacktestOptions {
  /**
   * Rule out entities from the hourly tier before reading their fine buckets (1d and 7d; see
   * coarsePrefilterApplies for the rules it applies to). Default true; false reads every entity at the plan's
   * step, the answer the prefilter must not change (the integration test compares both).
   */
  coarsePrefilter?: boolean;
}

/**
 * What `rule` would have done over the last `range` before `now`: the rule's entities on every configured
 * cluster it selects, each bucket's value per bucketAggregation (empty buckets are no data), replayed with the
 * live state machine. One store query per chunk of entities (BUCKETS_PER_QUERY). Below the hour step, entities
 * whose hours never breach are not read at that step (entitiesThatMayBreach): they cannot fire, so they count as
 * evaluated and not firing, and only those the chart shows are read afterwards.
 */
export async function runBacktest(db: Db, config: QueuewatchConfig, rule: CompiledRule, range: BacktestRange, now: Date, options: BacktestOptions = {}): Promise<BacktestAnswer> {
  const plan = BACKTEST_PLANS[range];
  const toMs = now.getTime();
  const fromMs = toMs - plan.days * DAY_MS;
  const starts = bucketStarts(fromMs, toMs, plan.stepSeconds);
  const firstMs = firstBucketStartMs(fromMs, plan.stepSeconds);
  const entities = await selectEntities(db, config, rule);
  const marks = await readWatermarks(db);
  const sources = sourcesOf(marks, plan, firstMs, toMs);
  const aggregation = bucketAggregation(rule.op);
  const readBuckets = (batch: readonly Entity[]) => queryBuckets(db, { ids: batch.map((e) => e.id), tier: plan.tier, aggregation, stepSeconds: plan.stepSeconds, firstMs, toMs, ...sources });

  const prefilter = (options.coarsePrefilter ?? true) && plan.stepSeconds < TIER_SECONDS["1h"] && coarsePrefilterApplies(rule) && entities.length > 0;
  const mayBreach = prefilter ? await entitiesThatMayBreach(db, rule, entities.map((e) => e.id), marks, sources, firstMs, toMs) : null;
  const indexed = entities.map((entity, order) => ({ entity, order }));
  const replayed = mayBreach ? indexed.filter(({ entity }) => mayBreach.has(entity.id)) : indexed;

  const firingsByEntity: BacktestFiring[][] = [];
  let chart: ChartCandidate[] = [];
  const addToChart = (candidate: ChartCandidate) => {
    chart.push(candidate);
    if (chart.length > MAX_CHART_ENTITIES) chart = chart.sort(byMostFiring).slice(0, MAX_CHART_ENTITIES);
  };
  for (const chunk of chunks(replayed, Math.max(1, Math.floor(BUCKETS_PER_QUERY / Math.max(1, starts.length))))) {
    const buckets = await readBuckets(chunk.map(({ entity }) => entity));
    for (const { entity, order } of chunk) {
      const series = seriesOf(entity, starts, buckets.get(entity.id));
      const firings = backtestEntity(rule, series, toMs);
      if (firings.length > 0) firingsByEntity.push(firings);
      addToChart({ entity, series, firingMs: firings.reduce((sum, f) => sum + f.durationMs, 0), firings: firings.length, order });
    }
  }
  if (mayBreach) {
    // Ruled-out entities fire never, so they rank by order alone, after every firing one: only the first
    // MAX_CHART_ENTITIES of them can make the chart. Those that do are read now, at the plan's step.
    const skipped = indexed.filter(({ entity }) => !mayBreach.has(entity.id)).slice(0, MAX_CHART_ENTITIES);
    for (const { entity, order } of skipped) addToChart({ entity, series: null, firingMs: 0, firings: 0, order });
    const unread = chart.filter((c) => c.series === null).map((c) => c.entity);
    if (unread.length > 0) {
      const buckets = await readBuckets(unread);
      for (const candidate of chart) candidate.series ??= seriesOf(candidate.entity, starts, buckets.get(candidate.entity.id));
    }
  }

  const result = summarizeBacktest(entities.length, firingsByEntity);
  return {
    range,
    tier: plan.tier,
    stepSeconds: plan.stepSeconds,
    from: fromMs,
    to: toMs,
    result: { ...result, firings: result.firings.slice(0, MAX_LISTED_FIRINGS), firingCount: result.firings.length },
    chart: { series: chart.sort(byMostFiring).flatMap((c) => (c.series ? [c.series] : [])), threshold: rule.threshold, op: rule.op },
  };
}

/** The answer as the API sends it: times as ISO strings (lib/api/time-points.ts). */
export interface BacktestDto extends Omit<BacktestAnswer, "from" | "to" | "result" | "chart"> {
  from: string;
  to: string;
  result: Omit<BacktestAnswer["result"], "firings"> & { firings: (Omit<BacktestFiring, "startsAt" | "endsAt"> & { startsAt: string; endsAt: string | null })[] };
  chart: { series: SeriesDto["series"]; threshold: number; op: ComparisonOp };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function encodeBacktest(answer: BacktestAnswer): BacktestDto {
  return {
    ...answer,
    from: iso(answer.from),
    to: iso(answer.to),
    result: { ...answer.result, firings: answer.result.firings.map((f) => ({ ...f, startsAt: iso(f.startsAt), endsAt: f.endsAt === null ? null : iso(f.endsAt) })) },
    chart: { ...answer.chart, series: encodeSeries(answer.chart.series) },
  };
}
