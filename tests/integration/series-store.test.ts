// The series store on real Postgres: ingest through the write path, rollups checked
// against the pure reference (rollup-math.ts), idempotent re-runs, late samples,
// partition-dropping retention, gaps as null, and the migration from the old lag table.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { configSchema } from "@/lib/config/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCollector } from "@/lib/collector/run-collector";
import { silentLogger } from "@/lib/log/logger";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { encodePoints } from "@/lib/api/time-points";
import { fillBuckets } from "@/lib/store/buckets";
import { listPartitions } from "@/lib/store/partition-manager";
import { querySeries } from "@/lib/store/query-series";
import { runRetentionPass } from "@/lib/store/retention";
import { runRollupPass } from "@/lib/store/rollup";
import { aggregateValue, mergeAggregates, rollupSamples, type Aggregate } from "@/lib/store/rollup-math";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { DEFAULT_RETENTION_DAYS } from "@/lib/store/tiers";
import { writeSamples } from "@/lib/store/write-samples";
import { GET as getSeries } from "@/app/api/v1/series/route";
import type { SeriesDto } from "@/lib/api/types";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";
import { req } from "../support/route-helpers";

const CLUSTER = "store-it";
const METRIC = "test_depth";
const T0 = Date.parse("2026-11-20T10:00:00Z");
const NOW = T0 + 2 * 3600_000 + 5 * 60_000;
const GAP = { from: T0 + 30 * 60_000, to: T0 + 45 * 60_000 };

writeTestConfig(`
clusters:
  - {id: ${CLUSTER}, kind: rabbitmq, managementUrl: "http://127.0.0.1:1", username: u, password: p}
`);

let db: Db;
const store = new StoreWriter();
const samplesA: { ts: number; value: number }[] = [];
const samplesB: { ts: number; value: number }[] = [];

async function rollupRows(table: "rollup_1m" | "rollup_1h", seriesMetric: string) {
  return db.$queryRawUnsafe<{ labels: Record<string, string>; bucket: Date; min: number; max: number; sum: number; count: number; last: number; last_ts: Date }[]>(
    `SELECT s.labels, r.bucket, r.min, r.max, r.sum, r.count, r.last, r.last_ts FROM ${table} r JOIN series s ON s.id = r.series_id
     WHERE s.cluster_id = $1 AND s.metric = $2 ORDER BY s.labels_key, r.bucket`, CLUSTER, seriesMetric);
}

function asReference(rows: Awaited<ReturnType<typeof rollupRows>>, queue: string): Map<number, Aggregate> {
  return new Map(rows.filter((r) => r.labels.queue === queue).map((r) => [r.bucket.getTime(), { min: r.min, max: r.max, sum: r.sum, count: r.count, last: r.last, lastTs: r.last_ts.getTime() }]));
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await db.$executeRawUnsafe("TRUNCATE series, samples, rollup_1m, rollup_1h, rollup_state CASCADE");
  await syncClusters(db, [{ id: CLUSTER, kind: "rabbitmq", managementUrl: "http://127.0.0.1:1", username: "u", password: "p" }]);
  // Two hours of 15-second polls for two queues, with a 15-minute hole in queue "a".
  for (let ts = T0, i = 0; ts < T0 + 2 * 3600_000; ts += 15_000, i += 1) {
    const poll = [];
    if (ts < GAP.from || ts >= GAP.to) {
      poll.push({ metric: METRIC, labels: { queue: "a" }, value: i % 37 });
      samplesA.push({ ts, value: i % 37 });
    }
    poll.push({ metric: METRIC, labels: { queue: "b" }, value: 1000 - i });
    samplesB.push({ ts, value: 1000 - i });
    await writeSamples(db, await store.prepare(db, CLUSTER, ts, poll));
  }
});

afterAll(async () => {
  await db.$disconnect();
});

describe("series store", () => {
  it("rolls raw samples up into exactly the reference 1-minute and 1-hour buckets", async () => {
    const results = await runRollupPass(db, store.partitions, NOW);
    expect(results.map((r) => r.tier)).toEqual(["1m", "1h"]);
    const minute = await rollupRows("rollup_1m", METRIC);
    expect(asReference(minute, "a")).toEqual(rollupSamples(samplesA, 60));
    expect(asReference(minute, "b")).toEqual(rollupSamples(samplesB, 60));
    const hour = await rollupRows("rollup_1h", METRIC);
    expect(asReference(hour, "a")).toEqual(rollupSamples(samplesA, 3600));
    expect(asReference(hour, "b")).toEqual(rollupSamples(samplesB, 3600));
  });

  it("gives the same rows when the pass runs again, and picks up a late sample in the open window", async () => {
    const before = [await rollupRows("rollup_1m", METRIC), await rollupRows("rollup_1h", METRIC)];
    await runRollupPass(db, store.partitions, NOW);
    expect([await rollupRows("rollup_1m", METRIC), await rollupRows("rollup_1h", METRIC)]).toEqual(before);

    // A sample that arrives after the pass but belongs to the window that is not final
    // yet (buckets from now − 2 min on): the next pass must include it.
    const lateTs = NOW - 60_000;
    await writeSamples(db, await store.prepare(db, CLUSTER, lateTs, [{ metric: METRIC, labels: { queue: "b" }, value: 5000 }]));
    samplesB.push({ ts: lateTs, value: 5000 });
    await runRollupPass(db, store.partitions, NOW + 30_000);
    expect(asReference(await rollupRows("rollup_1m", METRIC), "b")).toEqual(rollupSamples(samplesB, 60));
    expect(asReference(await rollupRows("rollup_1h", METRIC), "b")).toEqual(rollupSamples(samplesB, 3600));
  });

  it("answers a chart from the 1-minute tier with exact averages and null in the gap", async () => {
    const result = await querySeries(db, { clusterId: CLUSTER, metric: METRIC, labels: { queue: "a" }, from: new Date(T0), to: new Date(T0 + 2 * 3600_000), maxPoints: 8, aggregation: "avg", pollIntervalSeconds: 15 }, NOW, DEFAULT_RETENTION_DAYS);
    expect(result.tier).toBe("1m");
    expect(result.step).toBe("PT15M");
    expect(result.series).toHaveLength(1);
    const expected = fillBuckets(T0, T0 + 2 * 3600_000, 900, new Map([...rollupSamples(samplesA, 900)].map(([t, agg]) => [t, aggregateValue(agg, "avg")])));
    expect(result.series[0]?.points).toEqual(expected);
    expect(result.series[0]?.points[2]).toEqual({ t: GAP.from, v: null });
  });

  it("answers from raw samples for short steps and from the 1-hour tier for old ranges", async () => {
    const raw = await querySeries(db, { clusterId: CLUSTER, metric: METRIC, labels: { queue: "a" }, from: new Date(T0), to: new Date(T0 + 3600_000), maxPoints: 240, aggregation: "last", pollIntervalSeconds: 10 }, NOW, DEFAULT_RETENTION_DAYS);
    expect(raw.tier).toBe("raw");
    expect(raw.step).toBe("PT15S");
    expect(raw.series[0]?.points).toEqual(fillBuckets(T0, T0 + 3600_000, 15, new Map(samplesA.filter((s) => s.ts < T0 + 3600_000).map((s) => [s.ts, s.value]))));

    const later = T0 + 40 * 86_400_000; // raw and 1-minute data are past retention for this range
    const old = await querySeries(db, { clusterId: CLUSTER, metric: METRIC, labels: {}, from: new Date(T0), to: new Date(T0 + 2 * 3600_000), maxPoints: 600, aggregation: "max", pollIntervalSeconds: 15 }, later, DEFAULT_RETENTION_DAYS);
    expect(old.tier).toBe("1h");
    expect(old.series.map((s) => s.labels.queue)).toEqual(["a", "b"]);
    const hourB = rollupSamples(samplesB, 3600);
    expect(old.series[1]?.points).toEqual([...hourB].filter(([t]) => t < T0 + 2 * 3600_000).map(([t, agg]) => ({ t, v: aggregateValue(agg, "max") })));
    const merged = mergeAggregates([...rollupSamples(samplesA, 60).values()].filter((_, i) => i < 60));
    expect(old.series[0]?.points[0]?.v).toBe(merged?.max);
  });

  it("returns every bucket as null for a range with no data", async () => {
    const empty = await querySeries(db, { clusterId: CLUSTER, metric: METRIC, labels: { queue: "a" }, from: new Date(T0 - 3600_000), to: new Date(T0), maxPoints: 4, aggregation: "avg", pollIntervalSeconds: 15 }, NOW, DEFAULT_RETENTION_DAYS);
    expect(empty.series[0]?.points).toEqual(fillBuckets(T0 - 3600_000, T0, 900, new Map()));
    expect(empty.series[0]?.points.every((p) => p.v === null)).toBe(true);
  });

  it("serves the same buckets through GET /api/v1/series, with 404/400 for bad requests", async () => {
    const url = (qs: string) => req(`/api/v1/series?${qs}`);
    const range = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + 2 * 3600_000).toISOString()}`;
    const response = await getSeries(url(`cluster=${CLUSTER}&metric=${METRIC}&queue=a&points=8&${range}`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as SeriesDto;
    expect(body.tier).toBe("1m"); // the range is 10 days old: raw (7 days) no longer covers it
    expect(body.step).toBe("PT15M");
    // On the wire a point's time is an ISO string (the API's shape), the same buckets as the store's.
    expect(body.series).toEqual([{ labels: { queue: "a" }, points: encodePoints(fillBuckets(T0, T0 + 2 * 3600_000, 900, new Map([...rollupSamples(samplesA, 900)].map(([t, agg]) => [t, aggregateValue(agg, "avg")])))) }]);
    expect((await getSeries(url(`cluster=nope&metric=${METRIC}`))).status).toBe(404);
    const bad = await getSeries(url(`cluster=${CLUSTER}&metric=${METRIC}&agg=median`));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("`agg`");
  });

  // Issue 9 items 6 and 8: no bucket before `from`, none finer than the cluster's poll interval (10 s by default).
  it("starts every bucket inside [from, to) and never steps finer than the poll interval", async () => {
    const from = T0 + 7_500; // mid-bucket
    const to = T0 + 15 * 60_000;
    const direct = await querySeries(db, { clusterId: CLUSTER, metric: METRIC, labels: { queue: "a" }, from: new Date(from), to: new Date(to), maxPoints: 600, aggregation: "last", pollIntervalSeconds: 15 }, NOW, DEFAULT_RETENTION_DAYS);
    expect(direct.step).toBe("PT30S");
    const points = direct.series[0]?.points ?? [];
    expect(points[0]?.t).toBe(T0 + 30_000);
    expect(points.every((p) => p.t >= from && p.t < to)).toBe(true);
    expect(points.every((p) => p.v !== null)).toBe(true); // 15 s samples in 30 s buckets: no empty bucket
    // The bucket that began before `from` (holding the sample at T0) is not there.
    expect(points.find((p) => p.t === T0)).toBeUndefined();

    const response = await getSeries(req(`/api/v1/series?cluster=${CLUSTER}&metric=${METRIC}&queue=a&agg=last&points=600&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`));
    const body = (await response.json()) as SeriesDto;
    expect(body.tier).toBe("1m"); // the range is older than raw retention
    expect(body.step).toBe("PT1M");
    expect(body.series[0]?.points[0]?.t).toBe(new Date(T0 + 60_000).toISOString());
    expect(body.series[0]?.points.every((p) => Date.parse(p.t) >= from && Date.parse(p.t) < to)).toBe(true);
  });

  it("retention drops whole expired partitions and keeps the rest", async () => {
    const oldDay = T0 - 10 * 86_400_000;
    await writeSamples(db, await store.prepare(db, CLUSTER, oldDay, [{ metric: METRIC, labels: { queue: "a" }, value: 1 }]));
    const before = await listPartitions(db, "samples");
    expect(before).toContain("samples_p20261110");
    const result = await runRetentionPass(db, store.partitions, NOW, DEFAULT_RETENTION_DAYS);
    expect(result.dropped).toContain("samples_p20261110");
    const after = await listPartitions(db, "samples");
    expect(after).not.toContain("samples_p20261110");
    expect(after).toEqual(expect.arrayContaining(["samples_p20261120", "samples_p20261121", "samples_p20261122"])); // kept + created ahead
    const kept = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM samples s JOIN series x ON x.id = s.series_id WHERE x.cluster_id = ${CLUSTER}`;
    expect(kept[0]?.n).toBe(samplesA.length + samplesB.length);
  });
});

describe("store upkeep in the collector process", () => {
  it("creates the coming days' partitions when the collector starts", async () => {
    const collector = await startCollector(db, configSchema.parse({ pollIntervalSeconds: 60, clusters: [] }), { logger: silentLogger });
    const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    try {
      await expect.poll(async () => listPartitions(db, "samples"), { timeout: 20_000 }).toContain(`samples_p${ahead}`);
      await expect.poll(async () => listPartitions(db, "rollup_1m"), { timeout: 20_000 }).toContain(`rollup_1m_p${ahead}`);
    } finally {
      await collector.stop();
    }
  });
});

describe("migration from the foundation's lag table", () => {
  it("moves group_lag_samples into the series store and drops the old table", async () => {
    const name = `qw_migrate_${uniqueSuffix()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL.replace(/\/[^/]+$/, "/postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${name}`) });
    await client.connect();
    try {
      const dir = path.resolve(__dirname, "../../prisma/migrations");
      const sql = (folder: string) => readFileSync(path.join(dir, folder, "migration.sql"), "utf8");
      await client.query(sql("20261130000000_lag_snapshots_and_history"));
      await client.query(`INSERT INTO clusters (id, name, kind, updated_at) VALUES ('k', 'k', 'kafka', now())`);
      await client.query(`INSERT INTO group_lag_samples (cluster_id, group_id, ts, total_lag) VALUES
        ('k', 'g1', '2026-11-01T00:00:00Z', 5), ('k', 'g1', '2026-11-02T00:00:10Z', 7), ('k', 'g2', '2026-11-02T00:00:10Z', NULL)`);
      await client.query(sql("20261130010000_time_series_store"));
      const rows = await client.query<{ metric: string; labels: Record<string, string>; ts: Date; value: number }>(
        `SELECT s.metric, s.labels, x.ts, x.value FROM samples x JOIN series s ON s.id = x.series_id ORDER BY x.ts`);
      expect(rows.rows).toEqual([
        { metric: "kafka_group_lag", labels: { group: "g1" }, ts: new Date("2026-11-01T00:00:00Z"), value: 5 },
        { metric: "kafka_group_lag", labels: { group: "g1" }, ts: new Date("2026-11-02T00:00:10Z"), value: 7 },
      ]);
      const old = await client.query(`SELECT to_regclass('group_lag_samples') AS t`);
      expect(old.rows[0]?.t).toBeNull();
    } finally {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
