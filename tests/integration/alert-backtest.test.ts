// Issue 12 item 6: the alert rule backtest end to end. A generated history goes through the real write path
// (StoreWriter + writeSamples, then the rollup pass), the newest samples only into raw; POST
// /api/v1/alert-rules/backtest must then give exactly the hand-computed firings for 1d (1-minute buckets),
// 7d (5-minute) and 30d (1-hour). For 1d and 7d, the answer with the hourly prefilter must equal the one read
// entirely at the plan's step, on entities of which most never breach.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as backtest } from "@/app/api/v1/alert-rules/backtest/route";
import { runBacktest, type BacktestDto } from "@/lib/alerts/backtest/run-backtest";
import { compileRule, toAlertRule } from "@/lib/alerts/compile-rule";
import { ruleInputSchema, type RuleInputRaw } from "@/lib/alerts/rule-schema";
import { configSchema } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { MetricSample } from "@/lib/store/metric-sample";
import { runRollupPass } from "@/lib/store/rollup";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { writeSamples, type SampleRow } from "@/lib/store/write-samples";
import { body, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const CLUSTER = `it-backtest-${uniqueSuffix()}`;
const CLUSTER_CONFIG = { id: CLUSTER, kind: "rabbitmq", managementUrl: "http://127.0.0.1:1", username: "u", password: "p" } as const;
writeTestConfig(`clusters:\n  - {id: ${CLUSTER}, kind: rabbitmq, managementUrl: "http://127.0.0.1:1", username: u, password: p}\n`);

const MIN = 60_000;
const HOUR = 60 * MIN;
const POLL_MS = 30_000;
const NOW0 = Date.now();
/** Every breach is placed on the hour grid before the test's start, so each tier's buckets are easy to count by hand. */
const H = Math.floor(NOW0 / HOUR) * HOUR;
const DATA_FROM = H - 31 * HOUR;
/** Samples newer than this are written after the rollup pass: only the raw tier has them. */
const RAW_ONLY_FROM = NOW0 - 90_000;
/** The pf-* queues also have an older, sparse history (one poll every 20 min), so every hour of 7d has a value. */
const OLD_FROM = H - 170 * HOUR;
const OLD_POLL_MS = 20 * MIN;
/** The `now` of the prefilter comparisons (the range ends just after the last sample). */
const NOW = NOW0 + 1000;
const within = (ts: number, from: number, to: number) => ts >= from && ts < to;

/**
 * The prefilter's queues pf-00 … pf-29: 10 + i mod 7 (never near a threshold) except for
 *  - pf-03: one poll of 300 at H−20h;  pf-07: 120 for 3 min from H−6h10m;  pf-17: 2 for 10 min from H−15h;
 *  - pf-11: no samples from H−12h to H−11h (a whole hour without a value: read at the step);
 *  - pf-13: no samples before H−10h (starts inside both ranges);  pf-15: no samples for 20 min from H−14h20m;
 *  - pf-19: 150 in the raw-only samples;  pf-21: 150 in the old poll at H−100h (7d only);
 *  - pf-23: 150 for 5 min from 30 min before the test's start (past the 1-hour watermark, or just before it);
 *  - pf-25: exactly 100 for 5 min from H−3h;  pf-27: 150 in the hour holding the start of 1d, before that start;
 *  - pf-09: 150 in the first bucket of 1d;  pf-29: 150 in the first old poll inside 7d's first bucket.
 */
const PREFILTER_QUEUES = Array.from({ length: 30 }, (_, i) => `pf-${String(i).padStart(2, "0")}`);
const DAY_START = NOW - 24 * HOUR;
const DAY_FIRST_BUCKET = Math.ceil(DAY_START / MIN) * MIN;
const WEEK_FIRST_BUCKET = Math.ceil((NOW - 7 * 24 * HOUR) / (5 * MIN)) * 5 * MIN;
function prefilterValue(i: number, ts: number): number | null {
  if ((i === 11 && within(ts, H - 12 * HOUR, H - 11 * HOUR)) || (i === 13 && ts < H - 10 * HOUR) || (i === 15 && within(ts, H - 14 * HOUR - 20 * MIN, H - 14 * HOUR))) return null;
  if (i === 3 && ts === H - 20 * HOUR) return 300;
  if (i === 7 && within(ts, H - 6 * HOUR - 10 * MIN, H - 6 * HOUR - 7 * MIN)) return 120;
  if (i === 17 && within(ts, H - 15 * HOUR, H - 15 * HOUR + 10 * MIN)) return 2;
  if (i === 19 && ts >= RAW_ONLY_FROM) return 150;
  if (i === 21 && ts === H - 100 * HOUR) return 150;
  if (i === 23 && within(ts, NOW0 - 30 * MIN, NOW0 - 25 * MIN)) return 150;
  if (i === 25 && within(ts, H - 3 * HOUR, H - 3 * HOUR + 5 * MIN)) return 100;
  if (i === 27 && within(ts, Math.floor(DAY_START / HOUR) * HOUR, DAY_START - MIN)) return 150;
  if (i === 9 && within(ts, DAY_FIRST_BUCKET, DAY_FIRST_BUCKET + MIN)) return 150;
  if (i === 29 && within(ts, WEEK_FIRST_BUCKET, WEEK_FIRST_BUCKET + 5 * MIN)) return 150;
  return 10 + (i % 7);
}

/**
 * The generated history (rabbitmq_queue_messages, threshold 100), polled every 30 s:
 *  - bt-q1: 150 for 20 min at H−30h (only 7d sees it) and for 12 min at H−5h; one poll of 500 at H−1h30m
 *    (the other poll of that minute is 10: only the bucket's max shows it); else 10.
 *  - bt-q2: 150 from H−9h30m to H−8h45m; no samples from H−3h to H−2h30m; else 10.
 *  - bt-q3: 150 from H−70m on, 900 in the raw-only samples of the last 90 s; else 10.
 *  - zz-other: 1000 always, but the rules' `queue` matchers leave it out.
 */
function poll(ts: number): MetricSample[] {
  const sample = (queue: string, value: number): MetricSample => ({ metric: "rabbitmq_queue_messages", labels: { vhost: "/", queue }, value });
  const q1 = within(ts, H - 30 * HOUR, H - 30 * HOUR + 20 * MIN) || within(ts, H - 5 * HOUR, H - 5 * HOUR + 12 * MIN) ? 150 : ts === H - 90 * MIN ? 500 : 10;
  const q2 = within(ts, H - 9.5 * HOUR, H - 8.75 * HOUR) ? 150 : 10;
  const q3 = ts >= RAW_ONLY_FROM ? 900 : ts >= H - 70 * MIN ? 150 : 10;
  const samples = [sample("bt-q1", q1), sample("bt-q3", q3), sample("zz-other", 1000)];
  if (!within(ts, H - 3 * HOUR, H - 2.5 * HOUR)) samples.push(sample("bt-q2", q2));
  return [...samples, ...prefilterPoll(ts)];
}

function prefilterPoll(ts: number): MetricSample[] {
  return PREFILTER_QUEUES.flatMap((queue, i) => {
    const value = prefilterValue(i, ts);
    return value === null ? [] : [{ metric: "rabbitmq_queue_messages", labels: { vhost: "/", queue }, value }];
  });
}

let db: Db;
const store = new StoreWriter();

async function write(fromMs: number, toMs: number, stepMs = POLL_MS, samplesAt: (ts: number) => MetricSample[] = poll): Promise<void> {
  const rows: SampleRow[] = [];
  for (let ts = fromMs; ts <= toMs; ts += stepMs) rows.push(...(await store.prepare(db, CLUSTER, ts, samplesAt(ts))));
  await writeSamples(db, rows);
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, [CLUSTER_CONFIG]);
  const firstRawOnly = Math.ceil(RAW_ONLY_FROM / POLL_MS) * POLL_MS;
  await write(OLD_FROM, DATA_FROM - OLD_POLL_MS, OLD_POLL_MS, prefilterPoll);
  await write(DATA_FROM, firstRawOnly - POLL_MS);
  // The rollup job as the collector runs it, from the start of this history (the watermarks are global: other
  // tests' rows in the window are rolled up too, which changes nothing for them).
  for (const tier of ["1m", "1h"]) await db.rollupState.upsert({ where: { tier }, create: { tier, doneUntil: new Date(OLD_FROM) }, update: { doneUntil: new Date(OLD_FROM) } });
  await runRollupPass(db, store.partitions, NOW0);
  await write(firstRawOnly, NOW0);
});

afterAll(async () => {
  for (const table of ["samples", "rollup_1m", "rollup_1h"]) {
    await db.$executeRawUnsafe(`DELETE FROM ${table} WHERE series_id IN (SELECT id FROM series WHERE cluster_id = $1)`, CLUSTER);
  }
  await db.cluster.delete({ where: { id: CLUSTER } });
  await db.$disconnect();
});

function post(payload: unknown): Promise<Response> {
  const base = req("/api/v1/alert-rules/backtest");
  return backtest(new Request(base, { method: "POST", headers: { authorization: base.headers.get("authorization") ?? "", "content-type": "application/json" }, body: typeof payload === "string" ? payload : JSON.stringify(payload) }));
}

async function run(rule: Partial<RuleInputRaw>, range: "1d" | "7d" | "30d"): Promise<BacktestDto> {
  return body<BacktestDto>(await post({ rule: { name: "Queue deep", metric: "rabbitmq_queue_messages", op: ">", threshold: 100, ...rule }, range }));
}

/** [queue, startsAt, endsAt (null: still firing), durationMs, peak] */
type Row = [string | undefined, number, number | null, number, number | null];
const rows = (answer: BacktestDto): Row[] =>
  answer.result.firings.map((f) => [f.labels.queue, Date.parse(f.startsAt), f.endsAt === null ? null : Date.parse(f.endsAt), f.durationMs, f.peak]);

describe("POST /api/v1/alert-rules/backtest", () => {
  // `for: 2m` with one evaluation per bucket: firing from the first bucket ≥ 2 min after the first breaching one.
  // noData keep: bt-q2's hole changes nothing, and bt-q3 stays firing to the end whatever the last buckets hold.
  const RULE: Partial<RuleInputRaw> = { match: { cluster: CLUSTER, queue: "bt-*" }, for: "2m", noData: "keep" };

  it("1d: 1-minute buckets from the 1-minute tier and, past its watermark, from raw samples", async () => {
    const answer = await run(RULE, "1d");
    expect(answer).toMatchObject({ range: "1d", tier: "1m", stepSeconds: 60 });
    const to = Date.parse(answer.to);
    expect(to - Date.parse(answer.from)).toBe(24 * HOUR);
    expect(rows(answer)).toEqual<Row[]>([
      ["bt-q2", H - 9 * HOUR - 28 * MIN, H - 8.75 * HOUR, 43 * MIN, 150],
      ["bt-q1", H - 5 * HOUR + 2 * MIN, H - 5 * HOUR + 12 * MIN, 10 * MIN, 150],
      // 900 was only ever written to raw samples, after the rollup pass: the raw tail was read.
      ["bt-q3", H - 68 * MIN, null, to - (H - 68 * MIN), 900],
    ]);
    expect(answer.result).toMatchObject({ entities: 3, firingEntities: 3, firingCount: 3, totalFiringMs: 53 * MIN + to - (H - 68 * MIN) });
    expect(answer.result.firings[0]?.labels).toEqual({ cluster: CLUSTER, vhost: "/", queue: "bt-q2" });

    // The chart: entities by firing time, the evaluated (max) values, the hole as null.
    expect(answer.chart).toMatchObject({ threshold: 100, op: ">" });
    expect(answer.chart.series.map((s) => s.labels.queue)).toEqual(["bt-q3", "bt-q2", "bt-q1"]);
    const q2 = answer.chart.series[1]?.points ?? [];
    expect(q2).toHaveLength(24 * 60);
    expect(q2.find((p) => Date.parse(p.t) === H - 2.75 * HOUR)?.v).toBeNull();
    expect(q2.find((p) => Date.parse(p.t) === H - 9 * HOUR)?.v).toBe(150);
  });

  it("7d: 5-minute buckets", async () => {
    const answer = await run(RULE, "7d");
    expect(answer).toMatchObject({ range: "7d", tier: "1m", stepSeconds: 300 });
    const to = Date.parse(answer.to);
    expect(rows(answer)).toEqual<Row[]>([
      ["bt-q1", H - 30 * HOUR + 5 * MIN, H - 30 * HOUR + 20 * MIN, 15 * MIN, 150],
      ["bt-q2", H - 9 * HOUR - 25 * MIN, H - 8.75 * HOUR, 40 * MIN, 150],
      ["bt-q1", H - 5 * HOUR + 5 * MIN, H - 5 * HOUR + 15 * MIN, 10 * MIN, 150],
      ["bt-q3", H - 65 * MIN, null, to - (H - 65 * MIN), 900],
    ]);
    expect(answer.result).toMatchObject({ entities: 3, firingEntities: 3, firingCount: 4 });
  });

  it("30d: 1-hour buckets from the 1-hour tier, then the 1-minute tier and raw", async () => {
    const answer = await run(RULE, "30d");
    expect(answer).toMatchObject({ range: "30d", tier: "1h", stepSeconds: 3600 });
    const to = Date.parse(answer.to);
    // bt-q1's breaches each sit in one hour bucket: pending, never firing. bt-q2's spans two (H−10h, H−9h).
    expect(rows(answer)).toEqual<Row[]>([
      ["bt-q2", H - 9 * HOUR, H - 8 * HOUR, HOUR, 150],
      ["bt-q3", H - HOUR, null, to - (H - HOUR), 900],
    ]);
    expect(answer.result).toMatchObject({ entities: 3, firingEntities: 2 });
  });

  it("a coarse bucket keeps a one-poll spike (its max), so a rule without `for` sees it in 1d and 7d", async () => {
    const spike: Partial<RuleInputRaw> = { match: { cluster: CLUSTER, queue: "bt-q1" } };
    const day = await run(spike, "1d");
    expect(rows(day)).toEqual<Row[]>([
      ["bt-q1", H - 5 * HOUR, H - 5 * HOUR + 12 * MIN, 12 * MIN, 150],
      ["bt-q1", H - 90 * MIN, H - 89 * MIN, MIN, 500],
    ]);
    expect(day.result.entities).toBe(1);
    expect(day.chart.series[0]?.points.find((p) => Date.parse(p.t) === H - 90 * MIN)?.v).toBe(500);
    const week = await run(spike, "7d");
    expect(rows(week)).toEqual<Row[]>([
      ["bt-q1", H - 30 * HOUR, H - 30 * HOUR + 20 * MIN, 20 * MIN, 150],
      ["bt-q1", H - 5 * HOUR, H - 5 * HOUR + 15 * MIN, 15 * MIN, 150],
      ["bt-q1", H - 90 * MIN, H - 85 * MIN, 5 * MIN, 500],
    ]);
  });

  describe("the hourly prefilter (1d, 7d) gives the answer of the full read", () => {
    const config = configSchema.parse({ clusters: [CLUSTER_CONFIG] });
    const compile = (rule: Partial<RuleInputRaw>) =>
      compileRule(toAlertRule(ruleInputSchema.parse({ name: "Prefilter", metric: "rabbitmq_queue_messages", op: ">", threshold: 100, match: { cluster: CLUSTER }, ...rule }), "backtest", "api", 0));
    const PREFILTER: Partial<RuleInputRaw> = { match: { cluster: CLUSTER, queue: "pf-*" } };

    /** The series ids of each fine (step) bucket query a backtest makes, as queue names. */
    async function stepReads(rule: Partial<RuleInputRaw>, range: "1d" | "7d"): Promise<string[][]> {
      const series = await db.series.findMany({ where: { clusterId: CLUSTER }, select: { id: true, labels: true } });
      const queueOf = (labels: unknown) => (typeof labels === "object" && labels !== null && "queue" in labels ? String(labels.queue) : "?");
      const queues = new Map(series.map((s) => [Number(s.id), queueOf(s.labels)]));
      const spy = vi.spyOn(db, "$queryRaw");
      try {
        await runBacktest(db, config, compile(rule), range, new Date(NOW));
        return spy.mock.calls
          .filter(([sql]) => Array.isArray(sql) && sql.join("").includes("make_interval"))
          .map(([, ...values]) => (values.find((value): value is unknown[] => Array.isArray(value)) ?? []).map((id) => queues.get(Number(id)) ?? String(id)));
      } finally {
        spy.mockRestore();
      }
    }

    it.each<[string, Partial<RuleInputRaw>]>([
      ["> 100", {}],
      ["> 100 for 2m, keepFiringFor 5m, noData keep", { for: "2m", keepFiringFor: "5m", noData: "keep" }],
      [">= 100 on pf-*", { ...PREFILTER, op: ">=" }],
      ["< 8 on pf-* (one entity fires; the chart fills with ruled-out ones)", { ...PREFILTER, op: "<", threshold: 8 }],
      ["<= 2 for 5m, noData keep", { op: "<=", threshold: 2, for: "5m", noData: "keep" }],
      ["> 2000: nothing fires", { threshold: 2000 }],
      ["noData alert (not prefiltered)", { noData: "alert" }],
      ["!= 10 (not prefiltered)", { op: "!=", threshold: 10 }],
    ])("%s", async (_name, rule) => {
      for (const range of ["1d", "7d"] as const) {
        const full = await runBacktest(db, config, compile(rule), range, new Date(NOW), { coarsePrefilter: false });
        const fast = await runBacktest(db, config, compile(rule), range, new Date(NOW));
        expect(fast).toStrictEqual(full);
        expect(full.result.entities).toBeGreaterThanOrEqual(30);
      }
    });

    it("reads at the step only the entities whose hours breach or lack a value, then the chart's others", async () => {
      const lowRule = { ...PREFILTER, op: "<", threshold: 8 } as const;
      for (const range of ["1d", "7d"] as const) {
        const [replayed, chartFill, ...rest] = await stepReads(lowRule, range);
        expect(replayed?.sort()).toEqual(["pf-11", "pf-13", "pf-17"]);
        // pf-17 fires; the chart's 19 others are the first entities by label set, read after the replay.
        expect(chartFill?.sort()).toEqual(PREFILTER_QUEUES.filter((q) => !["pf-11", "pf-13", "pf-17"].includes(q)).slice(0, 17));
        expect(rest).toEqual([]);
      }
      // A rule the prefilter does not apply to reads every entity at the step.
      const [all] = await stepReads({ ...PREFILTER, op: "==", threshold: 2 }, "7d");
      expect(all).toHaveLength(30);
    });
  });

  it("a rule for a cluster that is not configured selects nothing", async () => {
    const answer = await run({ match: { cluster: "no-such-cluster" } }, "1d");
    expect(answer.result).toEqual({ firings: [], entities: 0, firingEntities: 0, totalFiringMs: 0, firingCount: 0 });
    expect(answer.chart.series).toEqual([]);
  });

  it("answers 400 with the input problems for a bad rule, a bad range or malformed JSON", async () => {
    const unknownMetric = await body<{ error: { message: string } }>(await post({ rule: { name: "x", metric: "kafka_nope", op: ">", threshold: 1 }, range: "1d" }), 400);
    expect(unknownMetric.error.message).toContain("rule.metric");
    const badLabel = await body<{ error: { message: string } }>(await post({ rule: { name: "x", metric: "rabbitmq_queue_messages", op: ">", threshold: 1, match: { group: "a" } }, range: "1d" }), 400);
    expect(badLabel.error.message).toContain('has no label "group"');
    const badRange = await body<{ error: { message: string } }>(await post({ rule: { name: "x", metric: "rabbitmq_queue_messages", op: ">", threshold: 1 }, range: "2d" }), 400);
    expect(badRange.error.message).toContain("range");
    expect((await post("{not json")).status).toBe(400);
  });
});
