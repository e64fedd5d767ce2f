// npm run bench:alerts — the alert rule backtest (issue 12 item 6) at the issue's size: 1,000 entities with 30 days
// of history, runBacktest for "30d" five times after one warm-up. Goal: ≤ 2 s.
//
// benchBacktest(db) seeds what the 30d path reads for a scratch cluster: the 1-hour tier up to its watermark, the
// 1-minute tier from there to its watermark, raw samples for the last minutes; it sets rollup_state to those
// watermarks (restored afterwards) and deletes its rows again. Values follow a daily sine per entity, so every
// entity fires about once a day. Run directly, it uses its own database queuewatch_bench_alerts (recreated, and
// dropped at the end unless --keep). Flags: --entities=N (1000), --runs=N (5), --range=1d|7d|30d (30d; 1d and 7d
// seed the 1-minute tier for the whole range instead: 1.4 M and 10 M rows at 1,000 entities, and the 1-hour tier
// from it as the rollup pass does), --breaching=P (100): only P % of the entities ever reach the threshold, the
// others' sine stays below it (most queues of a real cluster never breach a rule). For 1d and 7d it also times one
// run without the hourly prefilter (runBacktest's coarsePrefilter: false) and fails unless both answers are equal.
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Prisma } from "@prisma/client";
import { BACKTEST_RANGES, type BacktestRange } from "@/lib/alerts/backtest/backtest-series";
import { BACKTEST_PLANS, runBacktest } from "@/lib/alerts/backtest/run-backtest";
import { compileRule, toAlertRule } from "@/lib/alerts/compile-rule";
import { ruleInputSchema } from "@/lib/alerts/rule-schema";
import { configSchema, type RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { bucketCount } from "@/lib/store/buckets";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { BENCH_SERVER, dropBenchDatabase, int, out, parseBenchFlags, percentile, recreateBenchDatabase, seconds, timed } from "./bench-support";

const DB_NAME = "queuewatch_bench_alerts";
const METRIC = "rabbitmq_queue_messages";
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const GOAL_MS = 2000;

export interface BacktestBenchOptions {
  entities?: number;
  runs?: number;
  range?: BacktestRange;
  /** percentage of the entities whose values reach the rule's threshold (the others never do) */
  breachingPercent?: number;
  /** progress lines (seeding, each run) */
  log?: (line: string) => void;
}

export interface BacktestBenchResult {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** entities replayed per run */
  entities: number;
  /** buckets replayed per run (entities × buckets) */
  points: number;
  /** firings found per run (a sanity figure: about one a day per breaching entity) */
  firings: number;
  seedMs: number;
  range: BacktestRange;
  /** 1d and 7d: one run reading every entity at the step (no prefilter), whose answer equalled the timed runs' */
  fullReadMs: number | null;
}

const floorTo = (ms: number, stepMs: number): number => Math.floor(ms / stepMs) * stepMs;

/**
 * depth(id, ts) = 1000 + A·sin(2π·ts/1 day + 0.37·id): one daily peak per entity at its own hour. A is 800 (peaks
 * over the bench rule's 1700) for `breachingPercent` % of the ids and 500 (never above 1560) for the rest.
 */
const depth = (ts: Prisma.Sql, breachingPercent: number) =>
  Prisma.sql`(1000 + (CASE WHEN mod(id, 100) < ${breachingPercent} THEN 800 ELSE 500 END) * sin(2 * pi() * extract(epoch FROM ${ts})::float8 / 86400 + id * 0.37))`;

/** The tier's rows for every series over [from, to), as a pass would write them for 15-second polls within ±60 of the depth. */
async function seedRollup(db: Db, table: "rollup_1m" | "rollup_1h", ids: number[], fromMs: number, toMs: number, breachingPercent: number): Promise<number> {
  if (toMs <= fromMs) return 0;
  const stepSeconds = table === "rollup_1m" ? 60 : 3600;
  const polls = stepSeconds / 15;
  const a = depth(Prisma.sql`g.ts`, breachingPercent);
  let rows = 0;
  // A day per statement: bounded work and parameters, like the rollup pass's chunks.
  for (let start = fromMs; start < toMs; start += DAY_MS) {
    const end = Math.min(toMs, start + DAY_MS);
    rows += await db.$executeRaw`
      INSERT INTO ${Prisma.raw(table)} (series_id, bucket, min, max, sum, count, last, last_ts)
      SELECT id, g.ts, ${a} - 60, ${a} + 60, ${a} * ${polls}, ${polls}, round(${a}), g.ts + make_interval(secs => ${stepSeconds - 15})
      FROM unnest(${ids}::int8[]) AS u(id)
      CROSS JOIN generate_series(${new Date(start)}::timestamptz, ${new Date(end - stepSeconds * 1000)}::timestamptz, make_interval(secs => ${stepSeconds})) AS g(ts)`;
  }
  return rows;
}

/** The 1-hour tier over [from, to) merged from the seeded 1-minute rows, as the rollup pass does (lib/store/rollup.ts). */
async function seedHoursFromMinutes(db: Db, ids: number[], fromMs: number, toMs: number): Promise<number> {
  let rows = 0;
  for (let start = fromMs; start < toMs; start += DAY_MS) {
    const end = Math.min(toMs, start + DAY_MS);
    rows += await db.$executeRaw`
      INSERT INTO rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts)
      SELECT series_id, date_bin('1 hour', bucket, TIMESTAMPTZ 'epoch'), min(min), max(max), sum(sum), sum(count)::int,
             (array_agg(last ORDER BY last_ts DESC))[1], max(last_ts)
      FROM rollup_1m WHERE series_id = ANY(${ids}::int8[]) AND bucket >= ${new Date(start)} AND bucket < ${new Date(end)}
      GROUP BY 1, 2`;
  }
  return rows;
}

async function seedRaw(db: Db, ids: number[], fromMs: number, toMs: number, breachingPercent: number): Promise<number> {
  const first = Math.ceil(fromMs / 15_000) * 15_000;
  if (toMs <= first) return 0;
  return db.$executeRaw`
    INSERT INTO samples (series_id, ts, value)
    SELECT id, g.ts, round(${depth(Prisma.sql`g.ts`, breachingPercent)})
    FROM unnest(${ids}::int8[]) AS u(id)
    CROSS JOIN generate_series(${new Date(first)}::timestamptz, ${new Date(toMs - 1)}::timestamptz, interval '15 seconds') AS g(ts)`;
}

/**
 * Seeds `entities` queues on a scratch cluster with the history runBacktest reads for `range`, times runBacktest
 * `runs` times after a warm-up, and removes its rows (rollup_state is put back as it was).
 */
export async function benchBacktest(db: Db, options: BacktestBenchOptions = {}): Promise<BacktestBenchResult> {
  const { entities = 1000, runs = 5, range = "30d", breachingPercent = 100, log = () => undefined } = options;
  const plan = BACKTEST_PLANS[range];
  const clusterId = `bench-backtest-${Date.now().toString(36)}`;
  const cluster: RabbitmqClusterConfig = { id: clusterId, kind: "rabbitmq", managementUrl: "http://127.0.0.1:1", username: "bench", password: "bench" };
  const config = configSchema.parse({ clusters: [cluster] });
  const rule = compileRule(toAlertRule(ruleInputSchema.parse({ name: "Bench deep queue", metric: METRIC, op: ">", threshold: 1700, for: "30m", match: { cluster: clusterId, queue: "q*" } }), "bench", "api", 0));

  const now = Date.now();
  const minuteMark = floorTo(now - 120_000, MINUTE_MS);
  const hourMark = floorTo(minuteMark, HOUR_MS);
  const start = floorTo(now - plan.days * DAY_MS, HOUR_MS);
  const savedState = await db.rollupState.findMany();
  const store = new StoreWriter();
  await syncClusters(db, [cluster]);
  try {
    const seeded = await timed(async () => {
      // Series through the write path's registry, as the collector's first poll creates them (the rows are not written).
      const labels = Array.from({ length: entities }, (_, i) => ({ vhost: "/", queue: `q${String(i).padStart(5, "0")}` }));
      const ids = (await store.prepare(db, clusterId, now, labels.map((l) => ({ metric: METRIC, labels: l, value: 0 })))).map((row) => row.seriesId);
      const minuteFrom = plan.tier === "1h" ? hourMark : start;
      await store.partitions.ensure(db, "rollup_1h", start, hourMark);
      await store.partitions.ensure(db, "rollup_1m", minuteFrom, minuteMark);
      await store.partitions.ensure(db, "samples", minuteMark, now);
      const hourRows = plan.tier === "1h" ? await seedRollup(db, "rollup_1h", ids, start, hourMark, breachingPercent) : 0;
      const minuteRows = await seedRollup(db, "rollup_1m", ids, minuteFrom, minuteMark, breachingPercent);
      const derivedHourRows = plan.tier === "1m" ? await seedHoursFromMinutes(db, ids, start, hourMark) : 0;
      const rawRows = await seedRaw(db, ids, minuteMark, now, breachingPercent);
      for (const [tier, doneUntil] of [["1m", minuteMark], ["1h", hourMark]] as const) {
        await db.rollupState.upsert({ where: { tier }, create: { tier, doneUntil: new Date(doneUntil) }, update: { doneUntil: new Date(doneUntil) } });
      }
      await db.$executeRawUnsafe("ANALYZE series, rollup_1h, rollup_1m, samples");
      return { hourRows: hourRows + derivedHourRows, minuteRows, rawRows };
    });
    log(`seeded ${int(entities)} entities: ${int(seeded.value.hourRows)} rollup_1h, ${int(seeded.value.minuteRows)} rollup_1m and ${int(seeded.value.rawRows)} raw rows in ${seconds(seeded.ms)}`);

    const times: number[] = [];
    let answer: Awaited<ReturnType<typeof runBacktest>> | null = null;
    for (let run = 0; run <= runs; run += 1) {
      const timedRun = await timed(() => runBacktest(db, config, rule, range, new Date(now)));
      answer = timedRun.value;
      if (run > 0) times.push(timedRun.ms);
      log(`${run === 0 ? "warm-up" : `run ${run}`}: ${timedRun.ms.toFixed(0)} ms, ${int(answer.result.entities)} entities, ${int(answer.result.firingCount)} firings`);
    }
    if (!answer) throw new Error("no backtest ran");
    let fullReadMs: number | null = null;
    if (plan.stepSeconds < 3600) {
      const full = await timed(() => runBacktest(db, config, rule, range, new Date(now), { coarsePrefilter: false }));
      fullReadMs = full.ms;
      log(`without the prefilter: ${full.ms.toFixed(0)} ms, ${int(full.value.result.firingCount)} firings`);
      if (!isDeepStrictEqual(full.value, answer)) throw new Error("the answer with the hourly prefilter differs from the full read's");
    }
    return {
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      maxMs: Math.max(...times),
      entities: answer.result.entities,
      points: answer.result.entities * bucketCount(answer.from, answer.to, answer.stepSeconds),
      firings: answer.result.firingCount,
      seedMs: seeded.ms,
      range,
      fullReadMs,
    };
  } finally {
    for (const table of ["samples", "rollup_1m", "rollup_1h"]) {
      await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE series_id IN (SELECT id FROM series WHERE cluster_id = $1)`, clusterId);
    }
    await db.cluster.delete({ where: { id: clusterId } }); // its series go with it (ON DELETE CASCADE)
    await db.rollupState.deleteMany({ where: { tier: { in: ["1m", "1h"] } } });
    for (const row of savedState) await db.rollupState.create({ data: row });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rangeFlag = argv.find((arg) => arg.startsWith("--range="))?.slice("--range=".length) ?? "30d";
  const range = BACKTEST_RANGES.find((r) => r === rangeFlag);
  if (!range) throw new Error(`--range must be one of ${BACKTEST_RANGES.join(", ")}`);
  const flags = parseBenchFlags(argv.filter((arg) => !arg.startsWith("--range=")), { entities: 1000, runs: 5, breaching: 100 }, "scripts/bench/bench-alerts-backtest.ts");
  if (flags.breaching > 100) throw new Error("--breaching is a percentage (1–100)");
  await recreateBenchDatabase(DB_NAME);
  const db = createPrismaClient(`${BENCH_SERVER}/${DB_NAME}`);
  try {
    const result = await benchBacktest(db, { entities: flags.entities, runs: flags.runs, range, breachingPercent: flags.breaching, log: (line) => out(`  ${line}`) });
    out(`backtest ${result.range}: ${int(result.entities)} entities × ${int(result.points / Math.max(1, result.entities))} buckets = ${int(result.points)} points, ${int(result.firings)} firings`);
    out(`  runBacktest p50 ${result.p50Ms.toFixed(0)} ms, p95 ${result.p95Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms (goal ≤ ${GOAL_MS} ms: ${result.p95Ms <= GOAL_MS ? "met" : "NOT met"})`);
    if (result.fullReadMs !== null) out(`  without the hourly prefilter: ${result.fullReadMs.toFixed(0)} ms (one run), same answer`);
  } finally {
    await db.$disconnect();
    if (flags.keep) out(`kept database ${DB_NAME} (--keep)`);
    else await dropBenchDatabase(DB_NAME);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench-alerts-backtest: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
