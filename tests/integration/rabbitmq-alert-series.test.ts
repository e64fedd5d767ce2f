// Issue 12: the alert signals that lived only in snapshot tables, as series samples, checked in the samples table after
// real polls (pollCluster + the kind's poller + the store) against the real local brokers:
// - ready-without-consumers and dead-letter-queue depth against rabbitmqctl, in a vhost this test owns, through the
//   Prometheus endpoint and through the management API;
// - the depth trend of a queue fed at a rate the test keeps;
// - REAL memory and disk alarms on the shared node, restored to the values found (whatever happens) and seen to clear;
// - queuewatch_cluster_up 0 from failed polls (the only sample, written with the poll_runs row) and 1 from good ones.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type amqp from "amqplib";
import { createPoller, settingsOfKind } from "@/lib/brokers/registry";
import type { ClusterPoller } from "@/lib/brokers/types";
import { CLUSTER_UP_METRIC, pollCluster, type PollReport } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import type { ClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { RABBITMQ_METRICS } from "@/lib/rabbitmq/queue-series";
import { QueueTracker } from "@/lib/rabbitmq/queue-tracker";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import type { MetricSample } from "@/lib/store/metric-sample";
import { storeSink } from "@/lib/store/poll-sink";
import { recordPoll } from "@/lib/store/record-poll";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { KAFKA_BROKER } from "../support/kafka-fixtures";
import { connect, createVhost, deleteVhost, MANAGEMENT_URL, rabbitmqctl, rabbitmqctlListQueues, sleep, getOne } from "../support/rabbitmq-fixtures";
import { sampleValue, storedSamples } from "../support/series-fixtures";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const vhost = `qw-alert-series-${uniqueSuffix()}`;
const PROMETHEUS = "it-alert-series-prometheus";
const MANAGEMENT = "it-alert-series-management";
const RABBIT_UNREACHABLE = "it-alert-series-rabbit-down";
const KAFKA = "it-alert-series-kafka";
const KAFKA_UNREACHABLE = "it-alert-series-kafka-down";

writeTestConfig(`
clusters:
  - id: ${PROMETHEUS}
    kind: rabbitmq
    managementUrl: ${MANAGEMENT_URL}
    username: guest
    password: guest
    managementIntervalSeconds: 1   # node health (the alarms) on every poll a second apart
  - id: ${MANAGEMENT}
    kind: rabbitmq
    managementUrl: ${MANAGEMENT_URL}
    username: guest
    password: guest
    prometheusUrl: false
    managementIntervalSeconds: 1
  - id: ${RABBIT_UNREACHABLE}
    kind: rabbitmq
    managementUrl: http://127.0.0.1:1
    username: guest
    password: guest
  - id: ${KAFKA}
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
  - id: ${KAFKA_UNREACHABLE}
    kind: kafka
    brokers: ["127.0.0.1:1"]
`);

let db: Db;
let connection: amqp.ChannelModel | null = null;
const store = new StoreWriter();
const configs = new Map<string, ClusterConfig>();
const pollers = new Map<string, ClusterPoller>();

function configOf(id: string): ClusterConfig {
  const config = configs.get(id);
  if (!config) throw new Error(`no test cluster ${id}`);
  return config;
}

/** One poll through the cluster's long-lived poller (its trackers carry over), and what it stored. */
async function poll(id: string, poller = pollers.get(id)): Promise<{ report: PollReport; stored: MetricSample[] }> {
  if (!poller) throw new Error(`no poller for ${id}`);
  const report = await pollCluster(id, poller, storeSink(db, store));
  const stored = await storedSamples(db, id, report.polledAt);
  // What the poll reports is what the store holds (order aside; the write path keeps ~16 significant digits).
  const byKey = (samples: readonly MetricSample[]) => samples.map((s) => JSON.stringify([s.metric, Object.entries(s.labels).sort(), Number(s.value.toPrecision(12))])).sort();
  expect(byKey(stored)).toEqual(byKey(report.samples));
  return { report, stored };
}

/** A metric's samples of this test's vhost, by queue name. */
function byQueue(stored: readonly MetricSample[], metric: string): Record<string, number> {
  return Object.fromEntries(stored.filter((s) => s.metric === metric && s.labels.vhost === vhost).map((s) => [s.labels.queue, s.value]).sort());
}


// ---- the node's alarm limits, as `rabbitmqctl status` reports them ----

interface NodeLimits {
  /** vm_memory_high_watermark_setting: {relative: 0.4} or {absolute: bytes} */
  memory: { relative: number } | { absolute: number | string };
  /** disk_free_limit in bytes */
  diskFreeLimit: number;
}

interface CtlStatus {
  vm_memory_high_watermark_setting: NodeLimits["memory"];
  disk_free_limit: number;
  alarms: unknown;
}

function ctlStatus(): CtlStatus {
  return JSON.parse(execFileSync("rabbitmqctl", ["status", "-q", "--formatter", "json"], { encoding: "utf8" })) as CtlStatus;
}

function readLimits(): NodeLimits {
  const status = ctlStatus();
  return { memory: status.vm_memory_high_watermark_setting, diskFreeLimit: status.disk_free_limit };
}

function restoreLimits(limits: NodeLimits): void {
  const memory = "relative" in limits.memory ? [String(limits.memory.relative)] : ["absolute", String(limits.memory.absolute)];
  rabbitmqctl("set_vm_memory_high_watermark", ...memory);
  rabbitmqctl("set_disk_free_limit", String(limits.diskFreeLimit));
}

/** The node's alarms as rabbitmqctl names them ("memory", "disk"), whatever the exact JSON shape. */
const ctlAlarms = (): string[] => ["memory", "disk"].filter((resource) => JSON.stringify(ctlStatus().alarms).includes(resource));

/** The broker's management API's own view of the alarms (not Queuewatch's). */
async function managementAlarms(): Promise<{ mem: boolean; disk: boolean }[]> {
  const response = await fetch(`${MANAGEMENT_URL}/api/nodes?columns=mem_alarm,disk_free_alarm`, { headers: { authorization: `Basic ${Buffer.from("guest:guest").toString("base64")}` } });
  const nodes = (await response.json()) as { mem_alarm: boolean; disk_free_alarm: boolean }[];
  return nodes.map((n) => ({ mem: n.mem_alarm, disk: n.disk_free_alarm }));
}

/** The alarm samples of the poll (every node), or null when this poll did not re-read node health. */
async function pollAlarms(): Promise<{ mem: number | undefined; disk: number | undefined }[] | null> {
  const { stored } = await poll(PROMETHEUS);
  const nodes = stored.filter((s) => s.metric === RABBITMQ_METRICS.nodeRunning).map((s) => s.labels);
  if (nodes.length === 0) return null;
  return nodes.map((labels) => ({ mem: sampleValue(stored, RABBITMQ_METRICS.nodeMemAlarm, labels), disk: sampleValue(stored, RABBITMQ_METRICS.nodeDiskAlarm, labels) }));
}

let originalLimits: NodeLimits | null = null;

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  const config = loadConfig();
  await syncClusters(db, config.clusters);
  for (const cluster of config.clusters) {
    configs.set(cluster.id, cluster);
    pollers.set(cluster.id, createPoller(cluster));
  }
  await createVhost(vhost);
  connection = await connect(vhost);
});

afterAll(async () => {
  // Second line of defence: the node is shared, its limits go back to what this file found.
  if (originalLimits && JSON.stringify(readLimits()) !== JSON.stringify(originalLimits)) restoreLimits(originalLimits);
  await connection?.close().catch(() => {});
  await deleteVhost(vhost);
  await Promise.allSettled([...pollers.values()].map((p) => p.close()));
  await db.$disconnect();
});

describe("RabbitMQ queue alert series", () => {
  it("ready without consumers and dead-letter-queue depth equal rabbitmqctl's figures, through Prometheus and the management API", async () => {
    if (!connection) throw new Error("no AMQP connection");
    const channel = await connection.createChannel();
    await channel.assertExchange("dlx", "fanout", { durable: false });
    await channel.assertQueue("orders.dlq", { durable: false });
    await channel.bindQueue("orders.dlq", "dlx", "");
    await channel.assertQueue("orders", { durable: false, arguments: { "x-dead-letter-exchange": "dlx" } });
    for (const name of ["waiting", "served", "empty"]) await channel.assertQueue(name, { durable: false });
    for (let i = 0; i < 5; i += 1) channel.sendToQueue("waiting", Buffer.from(`waits ${i}`));
    for (let i = 0; i < 6; i += 1) channel.sendToQueue("served", Buffer.from(`job ${i}`));
    for (let i = 0; i < 3; i += 1) channel.sendToQueue("orders", Buffer.from(`bad order ${i}`));
    for (let i = 0; i < 3; i += 1) channel.nack(await getOne(channel, "orders"), false, false); // dead-lettered into orders.dlq
    // A consumer holding 2 unacked (prefetch 2): "served" has ready messages and a consumer.
    const consumer = await connection.createChannel();
    await consumer.prefetch(2);
    await consumer.consume("served", () => {}, { noAck: false });

    // The truth: the broker's own figures [name, ready, unacked, consumers].
    const ctl = () => rabbitmqctlListQueues(vhost).map((q) => [q.name, q.messages_ready, q.messages_unacknowledged, q.consumers]).sort();
    await expect.poll(ctl, { timeout: 10_000 }).toEqual([["empty", 0, 0, 0], ["orders", 0, 0, 0], ["orders.dlq", 3, 0, 0], ["served", 4, 2, 1], ["waiting", 5, 0, 0]]);
    // Ready messages count only in a queue without consumers, and not in the DLQ (nobody is expected to consume it).
    const expectedReady = Object.fromEntries(rabbitmqctlListQueues(vhost).map((q) => [q.name, q.consumers === 0 && q.name !== "orders.dlq" ? q.messages_ready : 0]));
    const dlq = rabbitmqctlListQueues(vhost).find((q) => q.name === "orders.dlq");
    const expectedDlqDepth = { "orders.dlq": (dlq?.messages_ready ?? NaN) + (dlq?.messages_unacknowledged ?? NaN) };
    expect(expectedReady).toEqual({ empty: 0, orders: 0, "orders.dlq": 0, served: 0, waiting: 5 });

    for (const id of [PROMETHEUS, MANAGEMENT]) {
      // Both paths see the broker's figures at its 5 s statistics refresh: poll until they caught up.
      await expect.poll(async () => {
        const { report, stored } = await poll(id);
        expect(report.error).toBeNull();
        return { ready: byQueue(stored, RABBITMQ_METRICS.readyWithoutConsumers), dlqDepth: byQueue(stored, RABBITMQ_METRICS.deadLetterQueueMessages) };
      }, { timeout: 20_000, interval: 1_000 }).toEqual({ ready: expectedReady, dlqDepth: expectedDlqDepth });
    }
    await consumer.close();
    await channel.close();
  });

  it("growth rate: a queue fed at 4 messages/s grows at ~4/s over the window, a still queue at 0, nothing before the window can judge", async () => {
    if (!connection) throw new Error("no AMQP connection");
    const config = settingsOfKind(configOf(PROMETHEUS), "rabbitmq");
    if (!config) throw new Error("not a RabbitMQ cluster");
    // The configured window is at least 60 s; a 20 s one keeps the test short (the rule is the same).
    const windowMs = 20_000;
    const poller = new RabbitmqPoller(new RabbitmqAdapter(config), new QueueTracker({ growthWindowMs: windowMs }));
    const channel = await connection.createChannel();
    await channel.assertQueue("filling", { durable: false });
    const published: number[] = [];
    const startedAt = Date.now();
    const feeder = setInterval(() => {
      // On schedule whatever the timer's jitter: 4 per second since the start.
      while (published.length < ((Date.now() - startedAt) / 1000) * 4) {
        channel.sendToQueue("filling", Buffer.from("more"));
        published.push(Date.now());
      }
    }, 50);
    try {
      const seen: { at: number; filling: number | undefined; waiting: number | undefined }[] = [];
      while (Date.now() - startedAt < windowMs * 1.6) {
        const { report, stored } = await poll(PROMETHEUS, poller);
        expect(report.error).toBeNull();
        const growth = byQueue(stored, RABBITMQ_METRICS.growthRate);
        seen.push({ at: report.polledAt - startedAt, filling: growth.filling, waiting: growth.waiting });
        await sleep(2_000);
      }
      const shown = JSON.stringify(seen);
      // Not judged until the window holds half its span of polls: a gap, not a zero.
      expect(seen[0], shown).toMatchObject({ filling: undefined, waiting: undefined });
      const last = seen[seen.length - 1];
      expect(last?.waiting, shown).toBe(0);
      const truth = published.filter((t) => t >= Date.now() - windowMs).length / (windowMs / 1000);
      // The broker refreshes depth every 5 s: the trend is fitted to a staircase, so ±30 %.
      expect(last?.filling ?? 0, `${shown}; published ${truth}/s`).toBeGreaterThan(truth * 0.7);
      expect(last?.filling ?? Infinity, `${shown}; published ${truth}/s`).toBeLessThan(truth * 1.3);
      process.stdout.write(`growth: "filling" ${last?.filling?.toFixed(2)}/s at ${truth}/s published, "waiting" ${last?.waiting}; polls ${shown}\n`);
    } finally {
      clearInterval(feeder);
      await channel.close();
    }
  });
});

describe("RabbitMQ node alarm series", () => {
  it("mem and disk alarm samples are 1 while the node raises REAL alarms, and 0 once its own limits are back", async () => {
    // Nothing else in this file may publish while the alarms block publishers.
    await connection?.close();
    connection = null;
    originalLimits = readLimits();
    const original = originalLimits;
    expect(ctlAlarms(), "the shared node is already in alarm: not touching it").toEqual([]);
    await expect.poll(pollAlarms, { timeout: 10_000, interval: 1_100 }).toEqual([{ mem: 0, disk: 0 }]);
    try {
      rabbitmqctl("set_vm_memory_high_watermark", "0.0001");
      rabbitmqctl("set_disk_free_limit", "100000GB");
      // The management API shows node alarms at the node's next statistics emission (every 5 s).
      await expect.poll(pollAlarms, { timeout: 30_000, interval: 1_100 }).toEqual([{ mem: 1, disk: 1 }]);
      expect(ctlAlarms()).toEqual(["memory", "disk"]);
      expect(await managementAlarms()).toEqual([{ mem: true, disk: true }]);
    } finally {
      restoreLimits(original);
    }
    expect(readLimits()).toEqual(original);
    await expect.poll(pollAlarms, { timeout: 30_000, interval: 1_100 }).toEqual([{ mem: 0, disk: 0 }]);
    expect(ctlAlarms()).toEqual([]);
    expect(await managementAlarms()).toEqual([{ mem: false, disk: false }]);
  });
});

describe("queuewatch_cluster_up", () => {
  it.each([
    { kind: "rabbitmq", down: RABBIT_UNREACHABLE, up: PROMETHEUS },
    { kind: "kafka", down: KAFKA_UNREACHABLE, up: KAFKA },
  ])("$kind: a failed poll stores 0 (its only sample) with its poll_runs row, a good poll stores 1", async ({ down, up }) => {
    const failed = await poll(down);
    expect(failed.report.ok).toBe(false);
    expect(failed.report.samples).toEqual([{ metric: CLUSTER_UP_METRIC, labels: {}, value: 0 }]);
    expect(failed.stored).toEqual([{ metric: CLUSTER_UP_METRIC, labels: {}, value: 0 }]);
    const startedAt = new Date(failed.report.polledAt - failed.report.durationMs);
    expect(await db.pollRun.findFirst({ where: { clusterId: down, startedAt } })).toMatchObject({ ok: false, error: failed.report.error });

    const good = await poll(up);
    expect(good.report.error).toBeNull();
    expect(sampleValue(good.stored, CLUSTER_UP_METRIC)).toBe(1);
  });

  it("a failed poll's sample and its poll_runs row are one transaction: a failing sample insert leaves neither", async () => {
    const startedAt = new Date();
    const durationMs = 7;
    const polledAt = startedAt.getTime() + durationMs;
    const [row] = await store.prepare(db, RABBIT_UNREACHABLE, polledAt, [{ metric: CLUSTER_UP_METRIC, labels: {}, value: 0 }]);
    if (!row) throw new Error("no sample row prepared");
    // The same (series, ts) twice violates the samples' primary key, after the poll_runs insert.
    await expect(recordPoll(db, { clusterId: RABBIT_UNREACHABLE, startedAt, durationMs, error: "unreachable", samples: [row, row] })).rejects.toThrow();
    expect(await db.pollRun.count({ where: { clusterId: RABBIT_UNREACHABLE, startedAt } })).toBe(0);
    expect(await storedSamples(db, RABBIT_UNREACHABLE, polledAt)).toEqual([]);
  });
});
