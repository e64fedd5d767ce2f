// Staleness and health from real polls: a Kafka cluster on the shared broker, one on a port nothing
// listens on, and the same cluster id polled through a dead address after a good poll. The figures come
// from pollCluster → recordPoll → Postgres → the route handlers, never from hand-written rows (except
// the one test that ages a poll, which cannot wait minutes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOfKind } from "@/lib/brokers/registry";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as getClusters } from "@/app/api/v1/clusters/route";
import { GET as unknownApiPath } from "@/app/api/[...path]/route";
import type { ApiErrorDto, ClusterDto, HealthDto } from "@/lib/api/types";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { queryHealth } from "@/lib/store/query-health";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { KAFKA_BROKER } from "../support/kafka-fixtures";
import { body, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, writeTestConfig } from "../support/test-config";

writeTestConfig(`
pollIntervalSeconds: 20
clusters:
  - id: h-kafka
    name: Health Kafka
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
  - id: h-nowhere
    kind: kafka
    brokers: ["127.0.0.1:1"]
`);

let db: Db;
const store = new StoreWriter();

function kafkaCluster(id: string): KafkaClusterConfig {
  const configured = loadConfig().clusters.find((c) => c.id === id);
  const found = configured && settingsOfKind(configured, "kafka");
  if (!found) throw new Error(`test config lost ${id}`);
  return found;
}

async function poll(cluster: KafkaClusterConfig, clusterId = cluster.id) {
  const adapter = new KafkaAdapter(cluster);
  try {
    return await pollCluster(clusterId, new KafkaPoller(clusterId, adapter, new LagTracker()), storeSink(db, store));
  } finally {
    await adapter.close();
  }
}

async function clusters(): Promise<Map<string, ClusterDto>> {
  const list = await body<{ clusters: ClusterDto[] }>(await getClusters(req("/api/v1/clusters")));
  return new Map(list.clusters.map((c) => [c.id, c]));
}

async function lastPollRun(clusterId: string) {
  return db.pollRun.findFirstOrThrow({ where: { clusterId }, orderBy: { startedAt: "desc" } });
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await db.cluster.deleteMany({ where: { id: { in: ["h-kafka", "h-nowhere"] } } });
  await syncClusters(db, loadConfig().clusters);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("GET /api/health and cluster staleness", () => {
  it("answers 503 while a cluster was never polled, naming it; its figures are stale", async () => {
    const health = await body<HealthDto>(await getHealth(req("/api/health")), 503);
    expect(health.status).toBe("unavailable");
    expect(health.database).toBe("ok");
    expect(health.reasons).toEqual([
      'cluster "h-kafka" was never polled (limit 1 min = 3 × 20 s poll interval)',
      'cluster "h-nowhere" was never polled (limit 1 min = 3 × 20 s poll interval)',
    ]);
    expect((await clusters()).get("h-kafka")).toMatchObject({ status: "unknown", stale: true, staleReason: "never polled", lastSuccessAt: null, downSince: null });
  });

  it("records a failed poll as down since its start, and keeps the first failure's time through a streak", async () => {
    const first = await poll(kafkaCluster("h-nowhere"));
    expect(first.ok).toBe(false);
    const firstRun = await lastPollRun("h-nowhere");
    let dto = (await clusters()).get("h-nowhere");
    expect(dto).toMatchObject({ status: "down", stale: true, staleReason: "latest poll failed", lastSuccessAt: null, downSince: firstRun.startedAt.toISOString(), lastError: first.error });

    const second = await poll(kafkaCluster("h-nowhere"));
    expect(second.ok).toBe(false);
    dto = (await clusters()).get("h-nowhere");
    expect((await lastPollRun("h-nowhere")).startedAt.getTime()).toBeGreaterThan(firstRun.startedAt.getTime());
    expect(dto?.downSince).toBe(firstRun.startedAt.toISOString());
  });

  it("a successful poll is current: lastSuccessAt is the poll's end, no downSince", async () => {
    const report = await poll(kafkaCluster("h-kafka"));
    expect(report.ok).toBe(true);
    const run = await lastPollRun("h-kafka");
    const dto = (await clusters()).get("h-kafka");
    const end = new Date(run.startedAt.getTime() + run.durationMs).toISOString();
    expect(dto).toMatchObject({ status: "up", stale: false, staleReason: null, lastPolledAt: end, lastSuccessAt: end, downSince: null, lastError: null });
  });

  it("answers 200 when every cluster was polled within 3 intervals, even one whose broker is down", async () => {
    const health = await body<HealthDto>(await getHealth(req("/api/health")), 200);
    expect(health).toMatchObject({ status: "ok", reasons: [], database: "ok" });
    expect(health.clusters.map((c) => [c.id, c.status, c.polledInTime])).toEqual([["h-kafka", "up", true], ["h-nowhere", "down", true]]);
  });

  it("a failure after success: down since that poll, figures still from the last good poll; the next good poll clears it", async () => {
    const good = (await clusters()).get("h-kafka");
    const failed = await poll({ ...kafkaCluster("h-kafka"), brokers: ["127.0.0.1:1"] }, "h-kafka");
    expect(failed.ok).toBe(false);
    const run = await lastPollRun("h-kafka");
    expect((await clusters()).get("h-kafka")).toMatchObject({
      status: "down", stale: true, staleReason: "latest poll failed", downSince: run.startedAt.toISOString(), lastSuccessAt: good?.lastSuccessAt, lastError: failed.error,
    });

    expect((await poll(kafkaCluster("h-kafka"))).ok).toBe(true);
    const back = (await clusters()).get("h-kafka");
    expect(back).toMatchObject({ status: "up", stale: false, downSince: null });
    expect(Date.parse(back?.lastSuccessAt ?? "")).toBeGreaterThan(Date.parse(good?.lastSuccessAt ?? ""));
  });

  it("a poll older than 3 intervals makes health 503; older than 2 makes the figures stale", async () => {
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.cluster.update({ where: { id: "h-kafka" }, data: { lastPolledAt: twoMinutesAgo, lastSuccessAt: twoMinutesAgo } });
    const health = await body<HealthDto>(await getHealth(req("/api/health")), 503);
    expect(health.reasons).toHaveLength(1);
    expect(health.reasons[0]).toMatch(/^cluster "h-kafka" not polled for 2 min( \d+ s)? \(limit 1 min = 3 × 20 s poll interval\)$/);
    expect((await clusters()).get("h-kafka")).toMatchObject({ status: "up", stale: true, staleReason: expect.stringMatching(/^no poll for 2 min/) });
  });

  it("a database that does not answer is unavailable, with the database's error", async () => {
    const unreachable = createPrismaClient("postgresql://postgres@127.0.0.1:1/queuewatch");
    try {
      const health = await queryHealth(unreachable, loadConfig(), new Date());
      expect(health).toMatchObject({ status: "unavailable", database: "error", clusters: [] });
      expect(health.reasons).toEqual(["database: Can't reach database server at 127.0.0.1:1"]);
    } finally {
      await unreachable.$disconnect();
    }
  });

  it("an unknown API path answers a JSON 404", async () => {
    const response = await unknownApiPath(req("/api/v1/no-such-thing"));
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await body<ApiErrorDto>(response, 404)).toEqual({ error: { code: "not_found", message: "no API endpoint GET /api/v1/no-such-thing" } });
  });
});
