// npm run bench:store — benchmarks the series store (lib/store) on the local Postgres at a
// realistic size: 5,000 series polled every 15 s, 24 h of raw samples (~29 M rows), 30 days
// of 1-hour rollups. Prints ingest (store write path vs COPY), a 30-day chart vs raw, a
// 24-hour 50-series query, bytes per row, and rollup/retention pass times, then a summary.
//
// It drops and recreates the database `queuewatch_bench` (never another one) and drops it
// again at the end unless --keep is given. Flags (defaults are the issue's size):
//   --keep                 keep queuewatch_bench afterwards (to inspect plans)
//   --series=N             number of series (5000)
//   --hours=H              hours of raw samples for all series (24)
//   --days=D               days of 1-hour rollups, and of raw for the one charted series (30)
//   --ingest-minutes=M     minutes of polls in each measured ingest run (60)
//   --rounds=R             ingest rounds; each is one store run and one COPY run (2)
//   --runs=N               timed runs per query, after one warm-up (7)
// Server settings are read and printed, never changed.
import { spawn } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { MetricSample } from "@/lib/store/metric-sample";
import { partitionRangesCovering } from "@/lib/store/partitions";
import { querySeries, type SeriesQuery, type SeriesResult } from "@/lib/store/query-series";
import { runRetentionPass, type RetentionPassResult } from "@/lib/store/retention";
import { runRollupPass, type RollupPassResult } from "@/lib/store/rollup";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { DEFAULT_RETENTION_DAYS } from "@/lib/store/tiers";
import { writeSamples } from "@/lib/store/write-samples";
import { BENCH_SERVER, dropBenchDatabase, int, median, percentile, recreateBenchDatabase, timed } from "./bench-support";

// ---------------------------------------------------------------- configuration

const DB_NAME = "queuewatch_bench";
const BENCH_URL = `${BENCH_SERVER}/${DB_NAME}`;
const CLUSTER = "bench";
const METRIC = "bench_depth";
const POLL_MS = 15_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SHARDS = 100;
const FIFTY_SHARD = "s07";
const WARMUP_POLLS = 20;
const STEADY_PASSES = 3;

interface Options {
  keep: boolean;
  series: number;
  hours: number;
  days: number;
  ingestMinutes: number;
  rounds: number;
  runs: number;
}

const ISSUE_SIZE: Omit<Options, "keep"> = { series: 5000, hours: 24, days: 30, ingestMinutes: 60, rounds: 2, runs: 7 };

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { keep: false, ...ISSUE_SIZE };
  const numeric: Record<string, keyof Omit<Options, "keep">> = {
    "--series": "series",
    "--hours": "hours",
    "--days": "days",
    "--ingest-minutes": "ingestMinutes",
    "--rounds": "rounds",
    "--runs": "runs",
  };
  for (const arg of argv) {
    if (arg === "--keep") {
      options.keep = true;
      continue;
    }
    const [flag = "", raw = ""] = arg.split("=", 2);
    const key = numeric[flag];
    const value = Number(raw);
    if (key === undefined || !Number.isInteger(value) || value < 1) throw new Error(`unknown or invalid flag: ${arg}`);
    options[key] = value;
  }
  if (options.ingestMinutes >= options.hours * 60) throw new Error("--ingest-minutes must be shorter than --hours");
  if (options.days * 24 <= options.hours + 1) throw new Error("--days must cover more than --hours");
  if (options.series < SHARDS) throw new Error(`--series must be at least ${SHARDS} (one shard label per 1/${SHARDS} of the series)`);
  return options;
}

// ---------------------------------------------------------------- small helpers

const out = (line = ""): void => void process.stdout.write(`${line}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number): string => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`);
const iso = (ms: number): string => new Date(ms).toISOString();
const floorTo = (ms: number, stepMs: number): number => Math.floor(ms / stepMs) * stepMs;

/** Runs tasks with bounded concurrency: the fills use both cores, one connection each. */
async function runQueue(tasks: readonly (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * A queue depth with a daily cycle and a little noise; integer-valued like real depths.
 * The same formula is used in SQL (VALUE_SQL) for the bulk fills; the two need not agree
 * bit for bit, only the measured ingest runs must get identical rows (they all use this).
 */
function depth(seriesId: number, tsMs: number): number {
  const t = tsMs / 1000;
  return Math.floor(1000 + 800 * Math.sin((2 * Math.PI * t) / 86400 + seriesId * 0.37)) + ((seriesId * 7919 + Math.floor(t / 15) * 104729) % 97);
}
const VALUE_SQL = `floor(1000 + 800 * sin(2 * pi() * extract(epoch FROM ts)::float8 / 86400 + id * 0.37)) + ((id * 7919 + (extract(epoch FROM ts)::bigint / 15) * 104729) % 97)`;

/** The statement of lib/store/write-samples.ts, for the node-pg context run (same SQL without Prisma). */
const WRITE_SAMPLES_SQL = `INSERT INTO samples (series_id, ts, value)
  SELECT s, to_timestamp(t / 1000.0), v FROM unnest($1::int8[], $2::float8[], $3::float8[]) AS u(s, t, v)`;

const queueName = (i: number): string => `q${String(i + 1).padStart(4, "0")}`;
const shardName = (i: number): string => `s${String(i % SHARDS).padStart(2, "0")}`;

// ---------------------------------------------------------------- database helpers

function createLoggedClient(url: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log: [{ emit: "event", level: "query" }] });
}
type LoggedClient = ReturnType<typeof createLoggedClient>;

interface Bench {
  options: Options;
  now: number;
  rawStart: number;
  db: Db;
  /** built like createPrismaClient plus query events; used only for rollup passes, so the ingest path pays no logging cost */
  loggedDb: LoggedClient;
  queryLog: { active: boolean; entries: { query: string; ms: number }[] };
  pool: pg.Pool;
  writer: StoreWriter;
  labels: Record<string, string>[];
  ids: number[];
}

async function sql<R extends pg.QueryResultRow = pg.QueryResultRow>(bench: Bench, text: string, values: unknown[] = []): Promise<R[]> {
  return (await bench.pool.query<R>(text, values)).rows;
}

const partitionName = (table: string, startMs: number): string => `${table}_p${iso(startMs).slice(0, 10).replaceAll("-", "")}`;

function samplePartitionNames(fromMs: number, toMs: number): string[] {
  return partitionRangesCovering(fromMs, toMs, "day").map((r) => partitionName("samples", r.start));
}

async function countRows(bench: Bench, table: string): Promise<number> {
  const [row] = await sql<{ n: string }>(bench, `SELECT count(*)::text AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

function pollSamples(bench: Bench, ts: number): MetricSample[] {
  return bench.labels.map((labels, i) => ({ metric: METRIC, labels, value: depth(bench.ids[i] ?? 0, ts) }));
}

/** Writes one poll through the store's own write path; returns the ms spent in each half. */
async function storePoll(bench: Bench, ts: number): Promise<{ prepareMs: number; writeMs: number }> {
  const samples = pollSamples(bench, ts); // built outside the timer: the collector has them already
  const started = performance.now();
  const rows = await bench.writer.prepare(bench.db, CLUSTER, ts, samples);
  const prepared = performance.now();
  await writeSamples(bench.db, rows);
  return { prepareMs: prepared - started, writeMs: performance.now() - prepared };
}

// ---------------------------------------------------------------- setup and fills

async function setup(options: Options): Promise<Bench> {
  out(`[setup] recreating database ${DB_NAME} and applying the committed migrations (prisma migrate deploy)`);
  await recreateBenchDatabase(DB_NAME);

  // "now" = the current minute, so the raw samples end at now (last poll at now − 15 s).
  const now = floorTo(Date.now(), MINUTE_MS);
  const rawStart = now - options.hours * HOUR_MS;
  const queryLog: Bench["queryLog"] = { active: false, entries: [] };
  const loggedDb = createLoggedClient(BENCH_URL);
  loggedDb.$on("query", (event) => {
    if (queryLog.active) queryLog.entries.push({ query: event.query, ms: event.duration });
  });
  const bench: Bench = {
    options,
    now,
    rawStart,
    db: createPrismaClient(BENCH_URL),
    loggedDb,
    queryLog,
    pool: new pg.Pool({ connectionString: BENCH_URL, max: 2 }),
    writer: new StoreWriter(),
    labels: Array.from({ length: options.series }, (_, i) => ({ queue: queueName(i), shard: shardName(i) })),
    ids: [],
  };

  await syncClusters(bench.db, [{ id: CLUSTER, kind: "rabbitmq", managementUrl: "http://127.0.0.1:15672", username: "bench", password: "bench" }]);
  // The first poll creates the series through the registry, as the collector's first poll
  // would; its rows are discarded (the SQL fill writes that timestamp).
  const first = await timed(() => bench.writer.prepare(bench.db, CLUSTER, rawStart, pollSamples(bench, rawStart)));
  bench.ids = first.value.map((row) => row.seriesId);
  out(`[setup] ${int(bench.ids.length)} series created by StoreWriter.prepare in ${millis(first.ms)}; now = ${iso(now)}, raw window ${iso(rawStart)} .. ${iso(now - POLL_MS)}`);
  return bench;
}

/** Bulk raw fill (not a measured figure): one INSERT … SELECT generate_series per hour, in poll order (ts-major) like the collector. */
async function fillRaw(bench: Bench, fromMs: number, toMs: number): Promise<number> {
  await bench.writer.partitions.ensure(bench.db, "samples", fromMs, toMs - 1);
  const tasks: (() => Promise<void>)[] = [];
  let rows = 0;
  for (let start = fromMs; start < toMs; start += HOUR_MS) {
    const end = Math.min(toMs, start + HOUR_MS);
    tasks.push(async () => {
      // unnest in the select list keeps poll order: every series at ts, then ts + 15 s, …
      const result = await bench.pool.query(
        `INSERT INTO samples (series_id, ts, value)
         SELECT id, ts, ${VALUE_SQL}
         FROM (SELECT unnest($3::int8[]) AS id, g.ts FROM generate_series($1::timestamptz, $2::timestamptz, interval '15 seconds') AS g(ts)) AS x`,
        [iso(start), iso(end - POLL_MS), bench.ids],
      );
      rows += result.rowCount ?? 0;
    });
  }
  await runQueue(tasks, 2);
  return rows;
}

/**
 * Raw 15-s samples of ONE series before the shared raw window, staged in a side table
 * (moved into `samples` only after the rollup passes, so the backfill pass covers the
 * shared window as in the issue) plus their exact hourly rollups for the rollup_1h fill.
 */
async function stageOneSeries(bench: Bench, seriesId: number, fromMs: number, toMs: number): Promise<number> {
  await sql(bench, `CREATE UNLOGGED TABLE bench_one_raw (series_id int8 NOT NULL, ts timestamptz(3) NOT NULL, value float8 NOT NULL)`);
  await sql(bench, `CREATE UNLOGGED TABLE bench_one_hourly (bucket timestamptz(3) PRIMARY KEY, min float8, max float8, sum float8, count int, last float8, last_ts timestamptz(3))`);
  const [inserted] = await sql<{ n: number }>(
    bench,
    `WITH ins AS (INSERT INTO bench_one_raw SELECT id, ts, ${VALUE_SQL}
                  FROM (SELECT $3::int8 AS id, g.ts FROM generate_series($1::timestamptz, $2::timestamptz, interval '15 seconds') AS g(ts)) AS x RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [iso(fromMs), iso(toMs - POLL_MS), seriesId],
  );
  // Same aggregates as the store's rollup (min, max, sum, count, value at the latest ts).
  await sql(
    bench,
    `INSERT INTO bench_one_hourly SELECT date_bin('1 hour', ts, TIMESTAMPTZ 'epoch'), min(value), max(value), sum(value), count(*), (array_agg(value ORDER BY ts DESC))[1], max(ts)
     FROM bench_one_raw GROUP BY 1`,
  );
  return inserted?.n ?? 0;
}

/** rollup_1h for every series over [from, to), hour by hour like the rollup pass writes it; the charted series gets its exact rollups. */
async function fillHourRollups(bench: Bench, fromMs: number, toMs: number, chartedId: number): Promise<number> {
  await bench.writer.partitions.ensure(bench.db, "rollup_1h", fromMs, toMs - 1);
  const tasks: (() => Promise<void>)[] = [];
  let rows = 0;
  for (let start = fromMs; start < toMs; start += DAY_MS) {
    const end = Math.min(toMs, start + DAY_MS);
    tasks.push(async () => {
      const result = await bench.pool.query(
        `INSERT INTO rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts)
         SELECT x.id, x.ts, coalesce(o.min, a - 60), coalesce(o.max, a + 60), coalesce(o.sum, a * 240), coalesce(o.count, 240),
                coalesce(o.last, floor(a)), coalesce(o.last_ts, x.ts + interval '3585 seconds')
         FROM (SELECT id, ts, 1048 + 800 * sin(2 * pi() * (extract(epoch FROM ts)::float8 + 1800) / 86400 + id * 0.37) AS a
               FROM (SELECT unnest($3::int8[]) AS id, g.ts FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 hour') AS g(ts)) AS x0) AS x
         LEFT JOIN bench_one_hourly o ON x.id = $4 AND o.bucket = x.ts`,
        [iso(start), iso(end - HOUR_MS), bench.ids, chartedId],
      );
      rows += result.rowCount ?? 0;
    });
  }
  await runQueue(tasks, 2);
  return rows;
}

/**
 * The backfill pass writes rollup rows in its GROUP BY order (one series after another),
 * but in production the every-minute passes write them minute by minute for all series.
 * Rewrite the rows the backfill produced in bucket order so queries and sizes see
 * production's page and index layout.
 */
async function relayoutRollups(bench: Bench, hourFrom: number): Promise<void> {
  await sql(bench, `CREATE UNLOGGED TABLE bench_relayout AS SELECT * FROM rollup_1m`);
  await sql(bench, `TRUNCATE rollup_1m`);
  await sql(bench, `INSERT INTO rollup_1m SELECT * FROM bench_relayout ORDER BY bucket, series_id`);
  await sql(bench, `DROP TABLE bench_relayout`);
  await sql(bench, `CREATE UNLOGGED TABLE bench_relayout AS SELECT * FROM rollup_1h WHERE bucket >= '${iso(hourFrom)}'`);
  await sql(bench, `DELETE FROM rollup_1h WHERE bucket >= $1`, [iso(hourFrom)]);
  await sql(bench, `INSERT INTO rollup_1h SELECT * FROM bench_relayout ORDER BY bucket, series_id`);
  await sql(bench, `DROP TABLE bench_relayout`);
}

// ---------------------------------------------------------------- (1) ingest

type IngestApproach = "store" | "copy" | "node-pg";

interface IngestRun {
  approach: IngestApproach;
  ms: number;
  rows: number;
  prepareMs: number[];
  writeMs: number[];
}

const rate = (run: IngestRun): number => run.rows / (run.ms / 1000);

async function checksum(bench: Bench, fromMs: number, toMs: number): Promise<string> {
  const [row] = await sql<{ n: number; s: number; ids: string }>(
    bench,
    `SELECT count(*)::int AS n, sum(value)::float8 AS s, sum(series_id)::text AS ids FROM samples WHERE ts >= $1 AND ts < $2`,
    [iso(fromMs), iso(toMs)],
  );
  return row ? `${row.n} rows, Σvalue ${row.s}, Σseries_id ${row.ids}` : "none";
}

/** Puts the measured window back to "empty" between runs so each run writes into the same state. */
async function resetWindow(bench: Bench, fromMs: number, toMs: number): Promise<void> {
  await sql(bench, `DELETE FROM samples WHERE ts >= $1 AND ts < $2`, [iso(fromMs), iso(toMs)]);
  for (const name of samplePartitionNames(fromMs, toMs - 1)) await sql(bench, `VACUUM ${name}`);
}

async function storeRun(bench: Bench, fromMs: number, toMs: number): Promise<IngestRun> {
  const prepareMs: number[] = [];
  const writeMs: number[] = [];
  const started = performance.now();
  for (let ts = fromMs; ts < toMs; ts += POLL_MS) {
    const poll = await storePoll(bench, ts);
    prepareMs.push(poll.prepareMs);
    writeMs.push(poll.writeMs);
  }
  return { approach: "store", ms: performance.now() - started, rows: prepareMs.length * bench.ids.length, prepareMs, writeMs };
}

/** Context only: writeSamples' statement sent through node-pg instead of Prisma, same rows. */
async function nodePgRun(bench: Bench, fromMs: number, toMs: number): Promise<IngestRun> {
  const writeMs: number[] = [];
  const started = performance.now();
  for (let ts = fromMs; ts < toMs; ts += POLL_MS) {
    const values = bench.ids.map((id) => depth(id, ts));
    const t0 = performance.now();
    await bench.pool.query(WRITE_SAMPLES_SQL, [bench.ids, bench.ids.map(() => ts), values]);
    writeMs.push(performance.now() - t0);
  }
  return { approach: "node-pg", ms: performance.now() - started, rows: writeMs.length * bench.ids.length, prepareMs: [], writeMs };
}

/** COPY of the identical rows into the same parent table, CSV piped into psql; timed from spawn to exit. */
async function copyRun(bench: Bench, fromMs: number, toMs: number): Promise<IngestRun> {
  // Pre-render the CSV (~45 bytes a row, one buffer per poll) so only the transfer is timed.
  const chunks: Buffer[] = [];
  for (let ts = fromMs; ts < toMs; ts += POLL_MS) {
    const stamp = iso(ts);
    chunks.push(Buffer.from(bench.ids.map((id) => `${id},${stamp},${depth(id, ts)}\n`).join("")));
  }
  const started = performance.now();
  const child = spawn("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", BENCH_URL, "-c", "COPY samples (series_id, ts, value) FROM STDIN WITH (FORMAT csv)"], {
    stdio: ["pipe", "inherit", "inherit"],
  });
  const exited = once(child, "exit");
  for (const chunk of chunks) {
    if (!child.stdin.write(chunk)) await once(child.stdin, "drain");
  }
  child.stdin.end();
  const [code] = (await exited) as [number | null];
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`psql COPY exited with ${code}`);
  return { approach: "copy", ms, rows: chunks.length * bench.ids.length, prepareMs: [], writeMs: [] };
}

async function ingest(bench: Bench): Promise<{ runs: IngestRun[]; context: IngestRun; partitionRows: number }> {
  const { now } = bench;
  const from = now - bench.options.ingestMinutes * MINUTE_MS;
  const partitionRows = await countRows(bench, samplePartitionNames(now - 1, now - 1)[0] ?? "samples");
  out(`[1] ingest window ${iso(from)} .. ${iso(now - POLL_MS)}: ${bench.options.ingestMinutes * 4} polls × ${int(bench.ids.length)} series; the day partition already holds ${int(partitionRows)} rows`);
  // Warm-up of the store path (V8, Prisma, plans), then the window is emptied again.
  for (let p = 0; p < WARMUP_POLLS; p += 1) await storePoll(bench, from + p * POLL_MS);
  await resetWindow(bench, from, now);

  // ABBA order (store, copy, copy, store, …) so drift in table state does not favour one side.
  const order: IngestApproach[] = [];
  for (let r = 0; r < bench.options.rounds; r += 1) order.push(...(r % 2 === 0 ? (["store", "copy"] as const) : (["copy", "store"] as const)));
  order.push("node-pg");
  const runs: IngestRun[] = [];
  let reference: string | null = null;
  for (const [i, approach] of order.entries()) {
    if (i > 0) await resetWindow(bench, from, now);
    await sql(bench, "CHECKPOINT"); // each run starts with no dirty buffers left by the previous step
    const run = approach === "store" ? await storeRun(bench, from, now) : approach === "copy" ? await copyRun(bench, from, now) : await nodePgRun(bench, from, now);
    const sum = await checksum(bench, from, now);
    if (reference === null) reference = sum;
    else if (sum !== reference) throw new Error(`ingest runs wrote different rows: ${sum} vs ${reference}`);
    runs.push(run);
    let extra = "";
    if (approach === "store") extra = `; per poll: prepare p50 ${millis(percentile(run.prepareMs, 50))}, writeSamples p50 ${millis(percentile(run.writeMs, 50))} p95 ${millis(percentile(run.writeMs, 95))} max ${millis(Math.max(...run.writeMs))}`;
    if (approach === "node-pg") extra = ` (context only: writeSamples' SQL via node-pg, no Prisma, no prepare); per poll p50 ${millis(percentile(run.writeMs, 50))}`;
    out(`    run ${i + 1} ${approach.padEnd(7)} ${int(run.rows)} rows in ${seconds(run.ms)} = ${int(rate(run))} rows/s${extra}`);
  }
  out(`    every run left the same rows: ${reference ?? "?"}`);
  const context = runs.pop();
  if (!context) throw new Error("no context run");
  return { runs, context, partitionRows };
}

// ---------------------------------------------------------------- (5) passes

interface PassTiming {
  ms: number;
  results: RollupPassResult[];
  statements: { query: string; ms: number }[];
}

async function rollupPass(bench: Bench, nowMs: number): Promise<PassTiming> {
  bench.queryLog.entries = [];
  bench.queryLog.active = true;
  try {
    const { ms, value } = await timed(() => runRollupPass(bench.loggedDb, bench.writer.partitions, nowMs));
    return { ms, results: value, statements: [...bench.queryLog.entries] };
  } finally {
    bench.queryLog.active = false;
  }
}

function describePass(pass: PassTiming): string {
  const tiers = pass.results.map((r) => `${r.tier}: ${int(r.rows)} rows upserted from ${iso(r.from.getTime()).slice(0, 16)}Z`).join("; ");
  const inserts = pass.statements.filter((s) => s.query.includes("INSERT INTO rollup_"));
  const split = inserts.map((s) => `${s.query.includes("INSERT INTO rollup_1m") ? "1m" : "1h"} INSERT…SELECT ${seconds(s.ms)}`).join(", ");
  return `${seconds(pass.ms)} (${tiers}; ${split})`;
}

/**
 * The steady pass scans the whole current day partition (see the report), so its cost
 * depends on the time of day. What-if: the pass as it runs at 23:59:45 UTC of the previous
 * day, when that day's partition is the big one. rollup_state is set back, then restored.
 * At :45 the last minute is complete, so every row the pass rewrites keeps its value.
 */
async function lateDayPass(bench: Bench): Promise<{ pass: PassTiming; at: number; partitionRows: number } | null> {
  const at = floorTo(bench.now, DAY_MS) - POLL_MS;
  if (at - bench.rawStart < 2 * HOUR_MS) return null;
  const saved = await sql<{ tier: string; done_until: Date }>(bench, `SELECT tier, done_until FROM rollup_state`);
  // Where the pass a minute earlier would have left it (now − lateness, floored to the minute).
  const minuteDone = floorTo(at - MINUTE_MS - 120_000, MINUTE_MS);
  await sql(bench, `UPDATE rollup_state SET done_until = $1 WHERE tier = '1m'`, [iso(minuteDone)]);
  await sql(bench, `UPDATE rollup_state SET done_until = $1 WHERE tier = '1h'`, [iso(floorTo(minuteDone, HOUR_MS))]);
  try {
    const pass = await rollupPass(bench, at);
    return { pass, at, partitionRows: await countRows(bench, partitionName("samples", floorTo(at, DAY_MS))) };
  } finally {
    for (const row of saved) await sql(bench, `UPDATE rollup_state SET done_until = $1 WHERE tier = $2`, [row.done_until, row.tier]);
  }
}

// ---------------------------------------------------------------- (2), (3) queries

interface QueryTiming {
  medianMs: number;
  runsMs: number[];
}

const runsText = (t: QueryTiming): string => t.runsMs.map((m) => m.toFixed(1)).join(", ");

async function timeRuns(runs: number, task: () => Promise<unknown>): Promise<QueryTiming> {
  await task(); // warm-up: plans, caches
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i += 1) runsMs.push((await timed(task)).ms);
  return { medianMs: median(runsMs), runsMs };
}

interface ChartComparison {
  result: SeriesResult;
  store: QueryTiming;
  raw: QueryTiming;
  rawWindow: QueryTiming;
  rawRows: number;
  agreeing: number;
  compared: number;
  disagreeing: string[];
}

async function thirtyDayChart(bench: Bench, seriesIndex: number): Promise<ChartComparison> {
  const { now } = bench;
  const from = now - bench.options.days * DAY_MS;
  const query: SeriesQuery = { clusterId: CLUSTER, metric: METRIC, labels: { queue: queueName(seriesIndex) }, from: new Date(from), to: new Date(now), maxPoints: 600, aggregation: "avg", pollIntervalSeconds: POLL_MS / 1000 };
  const result = await querySeries(bench.db, query, now, DEFAULT_RETENTION_DAYS);
  const stepMs = result.stepSeconds * 1000;
  const id = bench.ids[seriesIndex] ?? 0;
  // The same buckets from raw: same client, same step and alignment, the series id known.
  const rawBuckets = (fromMs: number) => bench.db.$queryRaw<{ bucket: Date; v: number }[]>`
    SELECT date_bin(make_interval(secs => ${result.stepSeconds}), ts, TIMESTAMPTZ 'epoch') AS bucket, avg(value) AS v
    FROM samples WHERE series_id = ${id} AND ts >= ${new Date(fromMs)} AND ts < ${new Date(now)}
    GROUP BY 1`;
  const rawRows = await rawBuckets(floorTo(from, stepMs));
  const store: number[] = [];
  const raw: number[] = [];
  await querySeries(bench.db, query, now, DEFAULT_RETENTION_DAYS);
  await rawBuckets(floorTo(from, stepMs));
  // Alternate the two so background noise hits both alike.
  for (let i = 0; i < bench.options.runs; i += 1) {
    store.push((await timed(() => querySeries(bench.db, query, now, DEFAULT_RETENTION_DAYS))).ms);
    raw.push((await timed(() => rawBuckets(floorTo(from, stepMs)))).ms);
  }
  // The same raw query over the shared window only, whose pages mix all series as in production.
  const rawWindow = await timeRuns(bench.options.runs, () => rawBuckets(bench.rawStart));

  const rawByBucket = new Map(rawRows.map((r) => [new Date(r.bucket).getTime(), Number(r.v)]));
  let agreeing = 0;
  let compared = 0;
  const disagreeing: string[] = [];
  for (const point of result.series[0]?.points ?? []) {
    const expected = rawByBucket.get(point.t);
    if (expected === undefined && point.v === null) continue;
    compared += 1;
    if (expected !== undefined && point.v !== null && Math.abs(point.v - expected) <= 1e-9 * Math.max(1, Math.abs(expected))) agreeing += 1;
    else {
      const holdsNow = point.t <= now && now < point.t + stepMs;
      disagreeing.push(`${new Date(point.t).toISOString()}: rollup ${point.v ?? "null"} vs raw ${expected ?? "none"}${holdsNow ? " (expected: the 1h row of the hour holding `to` also counts the polls written after `to`)" : ""}`);
    }
  }
  return { result, store: { medianMs: median(store), runsMs: store }, raw: { medianMs: median(raw), runsMs: raw }, rawWindow, rawRows: rawRows.length, agreeing, compared, disagreeing };
}

async function fiftySeries(bench: Bench): Promise<{ result: SeriesResult; store: QueryTiming; raw: QueryTiming }> {
  const { now } = bench;
  const from = now - bench.options.hours * HOUR_MS;
  const query: SeriesQuery = { clusterId: CLUSTER, metric: METRIC, labels: { shard: FIFTY_SHARD }, from: new Date(from), to: new Date(now), maxPoints: 600, aggregation: "avg", pollIntervalSeconds: POLL_MS / 1000 };
  const result = await querySeries(bench.db, query, now, DEFAULT_RETENTION_DAYS);
  const store = await timeRuns(bench.options.runs, () => querySeries(bench.db, query, now, DEFAULT_RETENTION_DAYS));
  // Context only (no goal): the same buckets for the same series from raw samples.
  const ids = bench.labels.flatMap((labels, i) => (labels.shard === FIFTY_SHARD ? [bench.ids[i] ?? 0] : []));
  const stepMs = result.stepSeconds * 1000;
  const raw = await timeRuns(bench.options.runs, () => bench.db.$queryRaw`
    SELECT series_id, date_bin(make_interval(secs => ${result.stepSeconds}), ts, TIMESTAMPTZ 'epoch') AS bucket, avg(value) AS v
    FROM samples WHERE series_id = ANY(${ids}::int8[]) AND ts >= ${new Date(floorTo(from, stepMs))} AND ts < ${new Date(now)}
    GROUP BY 1, 2`);
  return { result, store, raw };
}

// ---------------------------------------------------------------- (4) sizes

interface TableSize {
  table: string;
  partitions: number;
  rows: number;
  total: number;
  heap: number;
  indexes: number;
}

async function tableSize(bench: Bench, table: "samples" | "rollup_1m" | "rollup_1h"): Promise<TableSize> {
  const [size] = await sql<{ partitions: number; total: string; heap: string; indexes: string }>(
    bench,
    `SELECT count(*)::int AS partitions, sum(pg_total_relation_size(c.oid))::text AS total,
            sum(pg_relation_size(c.oid, 'main'))::text AS heap, sum(pg_indexes_size(c.oid))::text AS indexes
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
    [table],
  );
  return { table, partitions: size?.partitions ?? 0, rows: await countRows(bench, table), total: Number(size?.total ?? 0), heap: Number(size?.heap ?? 0), indexes: Number(size?.indexes ?? 0) };
}

// ---------------------------------------------------------------- main

interface SummaryRow {
  id: string;
  measure: string;
  result: string;
  goal: string;
  verdict: string;
}

function printTable(rows: readonly SummaryRow[]): void {
  const header: SummaryRow = { id: "#", measure: "measure", result: "result", goal: "goal", verdict: "verdict" };
  const all = [header, ...rows];
  const width = (key: keyof SummaryRow) => Math.max(...all.map((r) => r[key].length));
  const keys: (keyof SummaryRow)[] = ["id", "measure", "result", "goal", "verdict"];
  const line = (r: SummaryRow) => keys.map((k) => r[k].padEnd(width(k))).join(" | ").trimEnd();
  out(line(header));
  out(keys.map((k) => "-".repeat(width(k))).join("-+-"));
  for (const r of rows) out(line(r));
}

async function main(): Promise<void> {
  process.chdir(path.resolve(__dirname, "../.."));
  const options = parseOptions(process.argv.slice(2));
  const wallStart = performance.now();
  const reduced = (["series", "hours", "days", "ingestMinutes"] as const).filter((k) => options[k] < ISSUE_SIZE[k]);
  if (reduced.length > 0) out(`WARNING: reduced size (${reduced.map((k) => `${k}=${options[k]}`).join(", ")}): these figures are NOT the issue's benchmark size.`);

  const bench = await setup(options);
  const notes: string[] = [];
  try {
    const [version] = await sql<{ version: string }>(bench, "SELECT version()");
    const settings = await sql<{ name: string; value: string; source: string }>(
      bench,
      `SELECT name, current_setting(name) AS value, source FROM pg_settings
       WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'max_wal_size', 'synchronous_commit', 'fsync', 'max_parallel_workers_per_gather', 'jit', 'autovacuum') ORDER BY name`,
    );
    const settingsLine = settings.map((s) => `${s.name}=${s.value}${s.source === "configuration file" ? " (server config)" : ""}`).join(", ");
    const autovacuum = settings.find((s) => s.name === "autovacuum")?.value ?? "?";
    const machine = `${os.availableParallelism()} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; ${version?.version.split(" on ")[0] ?? "?"}`;
    out(`[setup] machine: ${machine}`);
    out(`[setup] Postgres settings as found (this benchmark changes none): ${settingsLine}`);

    // Raw fill of everything but the measured ingest window, in poll order.
    const ingestFrom = bench.now - options.ingestMinutes * MINUTE_MS;
    const fill = await timed(() => fillRaw(bench, bench.rawStart, ingestFrom));
    out(`[setup] raw fill (INSERT … SELECT generate_series, 2 connections; not a measured figure): ${int(fill.value)} rows in ${seconds(fill.ms)}`);
    const vacuum1 = await timed(() => sql(bench, "VACUUM ANALYZE samples"));
    out(`[setup] VACUUM ANALYZE samples: ${seconds(vacuum1.ms)} (planner statistics, visibility map; autovacuum is ${autovacuum} on this server)`);

    // (1) ingest: store write path vs COPY, same rows, same table, same window.
    const ingestResult = await ingest(bench);
    const storeRuns = ingestResult.runs.filter((r) => r.approach === "store");
    const copyRuns = ingestResult.runs.filter((r) => r.approach === "copy");
    const storeRate = median(storeRuns.map(rate));
    const copyRate = median(copyRuns.map(rate));
    const ingestRatio = storeRate / copyRate;
    const prepareP50 = median(storeRuns.map((r) => percentile(r.prepareMs, 50)));
    const writeP50 = median(storeRuns.map((r) => percentile(r.writeMs, 50)));
    const copyPerPoll = median(copyRuns.map((r) => r.ms / (r.rows / bench.ids.length)));
    out(`    store write path ${int(storeRate)} rows/s vs COPY ${int(copyRate)} rows/s (medians) = ${ingestRatio.toFixed(2)}×`);
    out(`    per ${int(bench.ids.length)}-row poll: store = prepare ${millis(prepareP50)} + writeSamples ${millis(writeP50)} (p50s); the same SQL via node-pg ${millis(percentile(ingestResult.context.writeMs, 50))}; COPY ${millis(copyPerPoll)} (average)`);

    // Older data: the charted series' raw (staged) and 30 days of 1-hour rollups for all series.
    const chartedIndex = 0;
    const chartedId = bench.ids[chartedIndex] ?? 0;
    const oldestRaw = bench.now - options.days * DAY_MS;
    const sharedHour = floorTo(bench.rawStart, HOUR_MS);
    // The charted series' old raw stops at the hour holding rawStart, so every 1h row of it is whole.
    const staged = await timed(() => stageOneSeries(bench, chartedId, oldestRaw, sharedHour));
    const rollupFrom = floorTo(oldestRaw, HOUR_MS);
    const hourFill = await timed(() => fillHourRollups(bench, rollupFrom, sharedHour, chartedId));
    out(`[setup] rollup_1h ${iso(rollupFrom)} .. ${iso(sharedHour)}, all series, hour by hour (SQL; not measured): ${int(hourFill.value)} rows in ${seconds(hourFill.ms)}`);
    out(`[setup] raw for ${queueName(chartedIndex)} only, ${iso(oldestRaw)} .. ${iso(sharedHour)} (SQL, staged; ${queueName(chartedIndex)}'s rollup_1h rows there are its exact rollups): ${int(staged.value)} rows in ${seconds(staged.ms)}`);

    // (5a) rollup passes: the backfill over the raw window, then steady-state passes.
    out(`[5] rollup pass (backfill: no rollup_state yet, from the oldest raw partition) …`);
    const backfill = await rollupPass(bench, bench.now);
    out(`    backfill pass: ${describePass(backfill)}`);
    const relayout = await timed(() => relayoutRollups(bench, sharedHour));
    out(`[setup] rollup rows of the backfill rewritten in bucket order, as the every-minute passes lay them out (not measured): ${seconds(relayout.ms)}`);
    const currentRows = await countRows(bench, partitionName("samples", floorTo(bench.now, DAY_MS)));
    const steady: PassTiming[] = [];
    for (let minute = 0; minute < STEADY_PASSES; minute += 1) {
      // One minute of polls (4) between passes: the collector runs the pass every minute.
      for (let p = 0; p < 4; p += 1) await storePoll(bench, bench.now + minute * MINUTE_MS + p * POLL_MS);
      const pass = await rollupPass(bench, bench.now + (minute + 1) * MINUTE_MS);
      steady.push(pass);
      out(`    steady pass ${minute + 1} (after 4 more polls; today's raw partition holds ${int(currentRows)}+ rows): ${describePass(pass)}`);
    }
    const steadyMs = median(steady.map((p) => p.ms));
    const lateDay = await lateDayPass(bench);
    if (lateDay) out(`    what-if steady pass at ${iso(lateDay.at)} (that day's raw partition holds ${int(lateDay.partitionRows)} rows): ${describePass(lateDay.pass)}`);
    const logicalNow = bench.now + STEADY_PASSES * MINUTE_MS;

    // The charted series' old raw moves into samples now (after the passes, as if it had been
    // rolled up long ago); then statistics for the queries and the size figures.
    await bench.writer.partitions.ensure(bench.db, "samples", oldestRaw, sharedHour - 1);
    await sql(bench, `INSERT INTO samples SELECT series_id, ts, value FROM bench_one_raw ORDER BY ts`);
    await sql(bench, `DROP TABLE bench_one_raw, bench_one_hourly`);
    const vacuum2 = await timed(() => sql(bench, "VACUUM ANALYZE"));
    out(`[setup] ${queueName(chartedIndex)}'s old raw moved into samples; VACUUM ANALYZE (whole database): ${seconds(vacuum2.ms)}`);

    // (2) 30-day chart for one series: rollups vs raw.
    const chart = await thirtyDayChart(bench, chartedIndex);
    const chartRatio = chart.store.medianMs / chart.raw.medianMs;
    const windowDays = options.hours / 24;
    const rawEstimate = (chart.rawWindow.medianMs / windowDays) * options.days;
    const estimateRatio = chart.store.medianMs / rawEstimate;
    const chartedRawRows = staged.value + (bench.now - bench.rawStart) / POLL_MS;
    out(`[2] ${options.days}-day chart of ${queueName(chartedIndex)}: tier ${chart.result.tier}, step ${chart.result.step}, ${chart.result.series[0]?.points.length ?? 0} points`);
    out(`    querySeries median ${millis(chart.store.medianMs)} (runs ${runsText(chart.store)})`);
    out(`    raw date_bin median ${millis(chart.raw.medianMs)} (runs ${runsText(chart.raw)}) over ${int(chartedRawRows)} raw samples → ${chart.rawRows} buckets`);
    const differing = chart.disagreeing.length > 0 ? `; differing: ${chart.disagreeing.slice(0, 3).join("; ")}${chart.disagreeing.length > 3 ? ` … and ${chart.disagreeing.length - 3} more` : ""}` : "";
    out(`    ratio ${chartRatio.toFixed(3)}×; same values in ${chart.agreeing} of ${chart.compared} buckets${differing}`);
    if (chart.result.tier !== "1h") notes.push(`the ${options.days}-day chart used tier ${chart.result.tier}, not 1h: this benchmark only fills older rollups in rollup_1h, so its comparison is meaningless at this size`);
    out(`    raw over the shared ${options.hours} h only (pages mixing all series, as production lays out all raw): median ${millis(chart.rawWindow.medianMs)} (runs ${runsText(chart.rawWindow)})`);
    out(`    → estimated raw time for ${options.days} days at that layout ${millis(rawEstimate)}, ratio ${estimateRatio.toFixed(4)}× (estimate; ${int(chartedRawRows)} mixed pages would not stay in shared_buffers as one day's do, so raw would be slower still)`);

    // (3) 24-hour query for 50 series in one request.
    const fifty = await fiftySeries(bench);
    const fiftyPoints = fifty.result.series.reduce((n, s) => n + s.points.length, 0);
    out(`[3] ${options.hours}-hour query, label shard=${FIFTY_SHARD}: ${fifty.result.series.length} series, tier ${fifty.result.tier}, step ${fifty.result.step}, ${int(fiftyPoints)} points`);
    out(`    querySeries median ${millis(fifty.store.medianMs)} (runs ${runsText(fifty.store)})`);
    out(`    for context, the same buckets from raw: median ${millis(fifty.raw.medianMs)} (runs ${runsText(fifty.raw)})`);

    // (4) bytes on disk per row.
    const sizes = [await tableSize(bench, "samples"), await tableSize(bench, "rollup_1m"), await tableSize(bench, "rollup_1h")];
    out(`[4] bytes on disk (after VACUUM ANALYZE; total = heap + indexes + FSM/VM):`);
    for (const s of sizes) {
      out(`    ${s.table.padEnd(9)} ${String(s.partitions).padStart(3)} partitions, ${int(s.rows).padStart(12)} rows, total ${(s.total / 2 ** 20).toFixed(0).padStart(6)} MiB = ${(s.total / s.rows).toFixed(1)} B/row (heap ${(s.heap / s.rows).toFixed(1)}, indexes ${(s.indexes / s.rows).toFixed(1)})`);
    }

    // (5b) retention at that size: the charted series' raw older than 7 days is expired.
    const retention = await timed<RetentionPassResult>(() => runRetentionPass(bench.db, bench.writer.partitions, logicalNow, DEFAULT_RETENTION_DAYS));
    out(`[5] retention pass: ${seconds(retention.ms)}, dropped ${retention.value.dropped.length} partitions (${retention.value.dropped[0] ?? "-"} … ${retention.value.dropped.at(-1) ?? "-"}), ${retention.value.pollRunsDeleted} poll runs deleted`);
    if (retention.value.dropped.length === 0) notes.push("the retention pass dropped nothing: its time is not the time of a real drop");

    // ---------------------------------------------------------------- summary
    const wallMs = performance.now() - wallStart;
    const [raw, m1, h1] = sizes;
    const perRow = (s: TableSize | undefined) => (s ? `${(s.total / s.rows).toFixed(1)} B total, ${(s.heap / s.rows).toFixed(1)} B heap (${int(s.rows)} rows)` : "?");
    const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
    const rows: SummaryRow[] = [
      { id: "1", measure: "ingest, store write path (prepare + writeSamples per poll)", result: `${int(storeRate)} rows/s`, goal: "", verdict: "" },
      { id: "1", measure: "ingest, COPY of the same rows", result: `${int(copyRate)} rows/s`, goal: "", verdict: "" },
      { id: "1", measure: "ingest ratio store / COPY", result: `${ingestRatio.toFixed(2)}×`, goal: "≥ 0.5×", verdict: verdict(ingestRatio >= 0.5) },
      { id: "2", measure: `${options.days}-day chart, 1 series, querySeries (tier ${chart.result.tier}, step ${chart.result.step})`, result: millis(chart.store.medianMs), goal: "", verdict: "" },
      { id: "2", measure: `same buckets from raw (all but the shared ${options.hours} h on one-series-only pages)`, result: millis(chart.raw.medianMs), goal: "", verdict: "" },
      { id: "2", measure: "ratio rollup / raw, measured", result: `${chartRatio.toFixed(3)}×`, goal: "≤ 0.05×", verdict: verdict(chartRatio <= 0.05) },
      { id: "2", measure: `ratio vs raw at production layout (${options.days} × per-day raw time)`, result: `${estimateRatio.toFixed(4)}× (raw ≈ ${seconds(rawEstimate)})`, goal: "≤ 0.05×", verdict: `${verdict(estimateRatio <= 0.05)} (estimate)` },
      { id: "3", measure: `${options.hours}-hour query, ${fifty.result.series.length} series, one call (tier ${fifty.result.tier}, step ${fifty.result.step})`, result: millis(fifty.store.medianMs), goal: "none set", verdict: "" },
      { id: "4", measure: "bytes per raw sample", result: perRow(raw), goal: "none set", verdict: "" },
      { id: "4", measure: "bytes per rollup_1m row", result: perRow(m1), goal: "none set", verdict: "" },
      { id: "4", measure: "bytes per rollup_1h row", result: perRow(h1), goal: "none set", verdict: "" },
      { id: "5", measure: `rollup pass, backfill of the ${options.hours} h raw`, result: seconds(backfill.ms), goal: "none set", verdict: "" },
      { id: "5", measure: `rollup pass, steady state (median of ${STEADY_PASSES}, run at ${iso(bench.now).slice(11, 16)} UTC)`, result: seconds(steadyMs), goal: "none set", verdict: "" },
      ...(lateDay ? [{ id: "5", measure: `rollup pass, steady state at 23:59:45 UTC (what-if, ${int(lateDay.partitionRows)}-row day partition)`, result: seconds(lateDay.pass.ms), goal: "none set", verdict: "" }] : []),
      { id: "5", measure: `retention pass (dropped ${retention.value.dropped.length} partitions)`, result: seconds(retention.ms), goal: "none set", verdict: "" },
    ];
    out();
    out("==================== Queuewatch store benchmark: summary ====================");
    out(`machine: ${machine}`);
    out(`data: ${int(bench.ids.length)} series × 15 s × ${options.hours} h raw (${int(raw?.rows ?? 0)} raw rows in all, incl. one series' ${options.days} days), ${options.days} days of rollup_1h; now = ${iso(bench.now)}`);
    printTable(rows);
    out();
    out("how it was measured, and the shortcuts taken:");
    out(`- Postgres as found, nothing tuned: ${settingsLine}.`);
    out(`  Autovacuum is ${autovacuum} on this server, so the benchmark runs VACUUM (ANALYZE) itself where printed above; none of that is in a figure.`);
    out(`- (1) ${options.ingestMinutes} min of polls (${options.ingestMinutes * 4} × ${int(bench.ids.length)} rows) are written on top of the other ${options.hours * 60 - options.ingestMinutes} min of raw, so the day partition (${int(ingestResult.partitionRows)} rows before) and its index already exist.`);
    out(`      Runs in ABBA order (${ingestResult.runs.map((r) => r.approach).join(", ")}) after ${WARMUP_POLLS} warm-up polls; between runs the window is DELETEd and its partition VACUUMed; CHECKPOINT before each run; medians of ${storeRuns.length} runs each.`);
    out(`      Store: StoreWriter.prepare + writeSamples per poll (series ids already cached, as after the collector's first poll); building the ${int(bench.ids.length)} MetricSample objects is outside the timer.`);
    out(`      COPY: CSV pre-rendered in memory, piped to \`psql -c "COPY samples … FROM STDIN (FORMAT csv)"\` as one transaction; timed from spawning psql to its exit. Every run wrote identical rows (checked).`);
    out(`- The rest of the raw was generated by INSERT … SELECT generate_series in poll order (ts-major), so heap and index have the store's layout. Not timed as a figure.`);
    out(`- rollup_1m holds only what the passes computed from the ${options.hours} h of raw: ${options.days} days of 1-minute rows for all series (~${int((options.series * options.days * 1440) / 1e6)} M rows) are too much for this machine,`);
    out(`  so it is a far smaller table than production's. rollup_1h older than the raw window was generated in SQL for all series (hour-major); the passes computed the rest.`);
    out(`  The backfill writes rollup rows series by series; they were then rewritten in bucket order (production's every-minute layout) before the queries and sizes.`);
    out(`- (2) Only ${queueName(chartedIndex)} has raw for ${options.days} days (${int(staged.value)} rows outside the shared ${options.hours} h). Those rows sit in partitions holding only that series, ~150 samples a page, where production`);
    out(`      would have ~1 sample of a series per page: so the measured raw time is a lower bound and favours raw. The estimate row scales the raw query over the shared ${options.hours} h`);
    out(`      (real mixed pages) to ${options.days} days; that is still generous to raw, as one day's pages stay in shared_buffers between runs and ${options.days} days' would not.`);
    out(`      The raw query is given the series id (querySeries also looks it up); both use the same Prisma client; ${options.runs} runs each, alternated, after a warm-up.`);
    out(`- (3) ${options.runs} runs after one warm-up; the raw figure next to it is context only.`);
    out(`- (4) pg_total_relation_size / pg_relation_size('main') / pg_indexes_size summed over each table's partitions after VACUUM ANALYZE, divided by count(*).`);
    out(`- (5) Backfill = first pass with no rollup_state, over the ${options.hours} h raw (the one series' older raw was moved into samples only after the passes). Steady state = 4 polls`);
    out(`      (one minute, the collector's pass interval), then a pass at now + n min. The what-if pass sets rollup_state back to 23:56 UTC of the previous day, runs at 23:59:45`);
    out(`      (so every row it rewrites is complete and keeps its value), then restores rollup_state.`);
    out(`      Per-statement times: Prisma query events on a second client built like createPrismaClient. Retention ran at now + ${STEADY_PASSES} min with the default retention (raw ${DEFAULT_RETENTION_DAYS.raw} d).`);
    for (const note of notes) out(`- NOTE: ${note}`);
    if (reduced.length > 0) out(`- WARNING: reduced size (${reduced.map((k) => `${k}=${options[k]}`).join(", ")}): not the issue's benchmark.`);
    out(`total wall time ${seconds(wallMs)} (${(wallMs / 60_000).toFixed(1)} min); node peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    await bench.db.$disconnect();
    await bench.loggedDb.$disconnect();
    await bench.pool.end();
    if (options.keep) out(`kept database ${DB_NAME} (--keep): drop it with  psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE ${DB_NAME}'`);
    else {
      await dropBenchDatabase(DB_NAME);
      out(`dropped database ${DB_NAME}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-store: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
