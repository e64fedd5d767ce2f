// RabbitMQ through the collector, the store and the API, against the real local broker:
// depth and unacked counts checked against rabbitmqctl (through the Prometheus endpoint and
// through the management API), dead-letter inflow over the broker's refreshes, dead-letter
// topology by argument and by policy across two vhosts (one named with a slash), and a stopped
// node / wrong credentials marking the cluster down with a clear error, then recovering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOfKind } from "@/lib/brokers/registry";
import type amqp from "amqplib";
import { GET as getNodes } from "@/app/api/v1/clusters/[id]/nodes/route";
import { GET as getQueues } from "@/app/api/v1/clusters/[id]/queues/route";
import { GET as getQueue } from "@/app/api/v1/clusters/[id]/queues/[vhost]/[name]/route";
import type { NodesDto, QueueDetailDto, QueueDto } from "@/lib/api/types";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { DERIVED_WINDOW_MS } from "@/lib/rabbitmq/queue-rates";
import type { QueueTracker } from "@/lib/rabbitmq/queue-tracker";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { connect, createVhost, deleteVhost, putPolicy, rabbitmqctlListQueues, sleep, getOne } from "../support/rabbitmq-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const suffix = uniqueSuffix();
const vhostA = `qw-it-${suffix}`;
const vhostB = `qw-it/${suffix}/dlx`; // a slash in the vhost name

writeTestConfig(`
pollIntervalSeconds: 5
clusters:
  - id: it-rabbit
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
    managementIntervalSeconds: 1   # topology changes within the test are seen at the next poll
  - id: it-rabbit-mgmt
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
    prometheusUrl: false
    noConsumersAfterSeconds: 0   # the "no consumers" signal fires at once: its threshold path is checked below
  - id: it-rabbit-badcreds
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: wrong-password
`);

let db: Db;
let connection: amqp.ChannelModel;
const clusters = new Map<string, { config: RabbitmqClusterConfig; adapter: RabbitmqAdapter; tracker: QueueTracker }>();
const store = new StoreWriter();

async function poll(id: string) {
  const entry = clusters.get(id);
  if (!entry) throw new Error(`no test cluster ${id}`);
  return pollCluster(id, new RabbitmqPoller(entry.adapter, entry.tracker), storeSink(db, store));
}

async function queuesOf(id: string, vhost: string): Promise<QueueDto[]> {
  const { queues } = await body<{ queues: QueueDto[] }>(await getQueues(req(""), params({ id })));
  return queues.filter((q) => q.vhost === vhost);
}


const countsOf = (queues: readonly { name: string; ready: number | null; unacked: number | null; consumers: number | null }[]) =>
  [...queues].sort((a, b) => (a.name < b.name ? -1 : 1)).map((q) => [q.name, q.ready, q.unacked, q.consumers]);

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  const config = loadConfig();
  await syncClusters(db, config.clusters);
  for (const configured of config.clusters) {
    const cluster = settingsOfKind(configured, "rabbitmq");
    if (!cluster) continue;
    clusters.set(cluster.id, { config: cluster, adapter: new RabbitmqAdapter(cluster), tracker: queueTrackerFor(cluster) });
  }
  await createVhost(vhostA);
  await createVhost(vhostB);
  connection = await connect(vhostA);
});

afterAll(async () => {
  await connection?.close().catch(() => {});
  await deleteVhost(vhostA);
  await deleteVhost(vhostB);
  await db.$disconnect();
});

describe("RabbitMQ queues", () => {
  it("reports ready, unacked and consumers equal to rabbitmqctl, through Prometheus and through the management API", async () => {
    const channel = await connection.createChannel();
    await channel.assertQueue("work", { durable: false });
    await channel.assertQueue("idle", { durable: false });
    for (let i = 0; i < 12; i += 1) channel.sendToQueue("work", Buffer.from(`job ${i}`));
    channel.sendToQueue("idle", Buffer.from("waiting"));
    // A consumer that holds 3 messages unacked (prefetch 3) and never acks them.
    const consumer = await connection.createChannel();
    await consumer.prefetch(3);
    await consumer.consume("work", () => {}, { noAck: false });

    const expected = () => countsOf(rabbitmqctlListQueues(vhostA).map((q) => ({ name: q.name, ready: q.messages_ready, unacked: q.messages_unacknowledged, consumers: q.consumers })));
    await expect.poll(expected, { timeout: 10_000 }).toEqual([["idle", 1, 0, 0], ["work", 9, 3, 1]]);
    // Prometheus' queue metrics are refreshed on the broker's stats interval (5 s): poll until they caught up.
    for (const id of ["it-rabbit", "it-rabbit-mgmt"]) {
      await expect.poll(async () => {
        const report = await poll(id);
        expect(report.error).toBeNull();
        return countsOf((await queuesOf(id, vhostA)).map((q) => ({ name: q.name, ready: q.messagesReady, unacked: q.messagesUnacknowledged, consumers: q.consumers })));
      }, { timeout: 20_000, interval: 1_000 }).toEqual(expected());
    }
    const work = (await queuesOf("it-rabbit", vhostA)).find((q) => q.name === "work");
    expect(work).toMatchObject({ type: "classic", messages: 12, deadLetterQueue: null, deadLetterSources: [], noConsumers: false });
    // The idle queue has a ready message and no consumer: the stretch has started (the signal needs 5 min to fire).
    const idle = (await queuesOf("it-rabbit", vhostA)).find((q) => q.name === "idle");
    expect(idle?.noConsumersSince).not.toBeNull();
    expect(idle?.noConsumers).toBe(false);
    // With a threshold of 0 the same stretch already counts as "no consumers"; the served queue never does.
    const idleMgmt = (await queuesOf("it-rabbit-mgmt", vhostA)).find((q) => q.name === "idle");
    expect(idleMgmt).toMatchObject({ noConsumers: true, noConsumersAlarm: true }); // not a dead-letter target: an alarm
    expect((await queuesOf("it-rabbit-mgmt", vhostA)).find((q) => q.name === "work")?.noConsumers).toBe(false);
    await consumer.close();
    await channel.close();
  });

  it("computes deliver and ack rates from the broker's counters", async () => {
    const channel = await connection.createChannel();
    await channel.assertQueue("rates", { durable: false });
    const before = Date.now();
    await poll("it-rabbit");
    const firstDone = Date.now();
    for (let i = 0; i < 40; i += 1) channel.sendToQueue("rates", Buffer.from(`m ${i}`));
    // Consume and ack all 40 on this channel (it stays open, so its counters stay listed).
    let acked = 0;
    await channel.consume("rates", (message) => {
      if (message) {
        channel.ack(message);
        acked += 1;
      }
    });
    await expect.poll(() => acked, { timeout: 10_000 }).toBe(40);
    await sleep(6_000); // the broker's stats interval
    const secondStart = Date.now();
    const report = await poll("it-rabbit");
    expect(report.error).toBeNull();
    const after = Date.now();
    const rates = (await queuesOf("it-rabbit", vhostA)).find((q) => q.name === "rates");
    // 40 deliveries and acks happened between the two polls: rate = 40 / (their distance), which lies
    // between the time from the first poll's end to the second's start and the whole span.
    for (const rate of [rates?.deliverRate, rates?.ackRate]) {
      expect(rate ?? 0).toBeGreaterThanOrEqual(40 / ((after - before) / 1000));
      expect(rate ?? Infinity).toBeLessThanOrEqual(40 / ((secondStart - firstDone) / 1000));
    }
    expect(rates?.redeliverRate).toBe(0);
    await channel.close();
  });
});

describe("dead-letter topology", () => {
  it("resolves DLQs from queue arguments and from policies, in two vhosts, one named with a slash", async () => {
    const a = await connection.createChannel();
    await a.assertExchange("dlx", "fanout", { durable: false });
    await a.assertQueue("orders.dlq", { durable: false });
    await a.bindQueue("orders.dlq", "dlx", "");
    await a.assertQueue("orders", { durable: false, arguments: { "x-dead-letter-exchange": "dlx" } });
    // Same names in the other vhost, dead-lettered by policy through the default exchange.
    await putPolicy(vhostB, "dead-letters", "^orders$", { "dead-letter-exchange": "", "dead-letter-routing-key": "orders.dlq" });
    const otherConnection = await connect(vhostB);
    const b = await otherConnection.createChannel();
    await b.assertQueue("orders.dlq", { durable: false });
    await b.assertQueue("orders", { durable: false });
    // One message dead-lettered in vhost A: rejected without requeue.
    a.sendToQueue("orders", Buffer.from("bad order"));
    a.nack(await getOne(a, "orders"), false, false);
    await expect.poll(() => rabbitmqctlListQueues(vhostA).find((q) => q.name === "orders.dlq")?.messages_ready, { timeout: 10_000 }).toBe(1);

    // A queue's effective policy is part of the stats it emits every 5 s: poll until it shows.
    await expect.poll(async () => {
      expect((await poll("it-rabbit")).error).toBeNull();
      return (await queuesOf("it-rabbit", vhostB)).find((q) => q.name === "orders")?.deadLetterQueue;
    }, { timeout: 20_000, interval: 1_000 }).toEqual({ vhost: vhostB, name: "orders.dlq" });
    const inA = await queuesOf("it-rabbit", vhostA);
    expect(inA.find((q) => q.name === "orders")?.deadLetterQueue).toEqual({ vhost: vhostA, name: "orders.dlq" });
    expect(inA.find((q) => q.name === "orders.dlq")?.deadLetterSources).toEqual([{ vhost: vhostA, name: "orders" }]);
    const inB = await queuesOf("it-rabbit", vhostB);
    expect(inB.find((q) => q.name === "orders")?.deadLetterQueue).toEqual({ vhost: vhostB, name: "orders.dlq" });
    expect(inB.find((q) => q.name === "orders.dlq")?.deadLetterSources).toEqual([{ vhost: vhostB, name: "orders" }]);

    // The queue endpoint takes the vhost with its slash (URL-decoded route params).
    const detail = await body<QueueDetailDto>(await getQueue(req(""), params({ id: "it-rabbit", vhost: vhostB, name: "orders" })));
    expect(detail.deadLetter).toEqual({ exchange: "", routingKey: "orders.dlq", from: "policy", routing: "exact", targets: [{ vhost: vhostB, name: "orders.dlq" }] });
    const dlqA = await body<QueueDetailDto>(await getQueue(req(""), params({ id: "it-rabbit", vhost: vhostA, name: "orders.dlq" })));
    expect(dlqA.deadLetterSources).toEqual([{ vhost: vhostA, name: "orders" }]);
    await body(await getQueue(req(""), params({ id: "it-rabbit", vhost: vhostA, name: "no-such-queue" })), 404);
    await otherConnection.close();
    await a.close();
  });

  it("counts dead-letter inflow into a DLQ over the broker's refreshes", async () => {
    const channel = await connection.createChannel();
    // Steady 2 s polls (as the collector does) until the DLQ's depth of 1 is stale news: its rate is 0.
    await expect.poll(async () => {
      expect((await poll("it-rabbit")).error).toBeNull();
      return (await queuesOf("it-rabbit", vhostA)).find((q) => q.name === "orders.dlq")?.deadLetterInflowRate;
    }, { timeout: 20_000, interval: 2_000 }).toBe(0);
    for (let i = 0; i < 5; i += 1) channel.sendToQueue("orders", Buffer.from(`reject ${i}`));
    for (let i = 0; i < 5; i += 1) channel.nack(await getOne(channel, "orders"), false, false); // dead-letter it
    await expect.poll(() => rabbitmqctlListQueues(vhostA).find((q) => q.name === "orders.dlq")?.messages_ready, { timeout: 10_000 }).toBe(6);
    // The broker shows the 5 dead letters at its next refresh; derived figures span the refreshes of the last
    // DERIVED_WINDOW_MS (15 s): 5 dead letters over 15 s, give or take a refresh period and a poll at the ends.
    let dlq: QueueDto | undefined;
    await expect.poll(async () => {
      expect((await poll("it-rabbit")).error).toBeNull();
      dlq = (await queuesOf("it-rabbit", vhostA)).find((q) => q.name === "orders.dlq");
      return dlq?.deadLetterInflowRate ?? 0;
    }, { timeout: 20_000, interval: 2_000 }).toBeGreaterThan(0);
    expect(dlq?.messages).toBe(6);
    const windowSeconds = DERIVED_WINDOW_MS / 1000;
    expect(dlq?.deadLetterInflowRate ?? 0).toBeGreaterThanOrEqual(5 / (windowSeconds + 5 + 2));
    expect(dlq?.deadLetterInflowRate ?? Infinity).toBeLessThanOrEqual(5 / (windowSeconds - 5));
    expect(dlq?.publishRate).toBe(0);
    await channel.close();
  });
});

describe("cluster health", () => {
  it("reports node health", async () => {
    await poll("it-rabbit");
    const nodes = await body<NodesDto>(await getNodes(req(""), params({ id: "it-rabbit" })));
    expect(nodes.partitioned).toBe(false);
    expect(nodes.nodes).toHaveLength(1);
    const [node] = nodes.nodes;
    expect(node).toMatchObject({ running: true, memAlarm: false, diskFreeAlarm: false, partitions: [] });
    expect(node?.memUsed ?? 0).toBeGreaterThan(0);
    expect(node?.memUsed ?? 0).toBeLessThan(node?.memLimit ?? 0);
    expect(node?.fdUsed ?? 0).toBeGreaterThan(0);
    expect(node?.procUsed ?? 0).toBeGreaterThan(0);
    expect(node?.uptimeMs ?? 0).toBeGreaterThan(0);
  });

  it("wrong credentials: the cluster is down with the reason", async () => {
    const report = await poll("it-rabbit-badcreds");
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/rejected the credentials of user "guest" \(401\)/);
    const row = await db.cluster.findUniqueOrThrow({ where: { id: "it-rabbit-badcreds" } });
    expect(row.status).toBe("down");
  });
});
