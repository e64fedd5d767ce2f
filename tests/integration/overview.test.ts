// The triage overview against real brokers: a stopped group on the shared Kafka broker, a queue without
// consumers on the shared RabbitMQ, a clean cluster on a Kafka broker of this test's own (so nothing other
// tests leave behind can spoil "all clear"), that broker stopped, and a cluster never polled.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getOverview } from "@/app/api/v1/overview/route";
import { GET as getGroup } from "@/app/api/v1/clusters/[id]/consumer-groups/[groupId]/route";
import type { ClusterOverviewDto, ConsumerGroupDetailDto, OverviewDto } from "@/lib/api/types";
import { pollCluster, type PollReport } from "@/lib/collector/poll-cluster";
import { createPoller } from "@/lib/brokers/registry";
import type { ClusterPoller } from "@/lib/brokers/types";
import { storeSink } from "@/lib/store/poll-sink";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { commitOffsets, createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER } from "../support/kafka-fixtures";
import { connect, createVhost, deleteVhost, rabbitmqctlListQueues, sleep } from "../support/rabbitmq-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const OWN_BROKER = { KAFKA_INSTANCE: "overview-test", KAFKA_PORT: "9392" };
const OWN_BROKER_ADDRESS = `127.0.0.1:${OWN_BROKER.KAFKA_PORT}`;
const ROOT = path.resolve(__dirname, "../..");
const ownBroker = (command: "start" | "stop") =>
  execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), command], { env: { ...process.env, ...OWN_BROKER }, stdio: ["ignore", "ignore", "pipe"] });

const suffix = uniqueSuffix();
const topic = `qw-ov-orders-${suffix}`;
const stoppedGroup = `qw-ov-stopped-${suffix}`;
const vhost = `qw-ov-${suffix}`;
const idleQueue = "emails.idle";
const IDLE_MESSAGES = 7;
const DEAD_LETTERS = 3;

writeTestConfig(`
pollIntervalSeconds: 30
clusters:
  - id: ov-kafka
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
  - id: ov-rabbit
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
    noConsumersAfterSeconds: 0
  - id: ov-clean
    name: Clean Kafka
    kind: kafka
    brokers: ["${OWN_BROKER_ADDRESS}"]
  - id: ov-never
    kind: kafka
    brokers: ["127.0.0.1:1"]
`);

let db: Db;
const store = new StoreWriter();
const pollers = new Map<string, ClusterPoller>();

/** One real poll through the cluster's registered kind, as the collector does it: one poller per cluster across polls. */
async function poll(clusterId: string): Promise<PollReport> {
  let poller = pollers.get(clusterId);
  if (!poller) {
    const cluster = loadConfig().clusters.find((c) => c.id === clusterId);
    if (!cluster) throw new Error(`no cluster ${clusterId}`);
    poller = createPoller(cluster);
    pollers.set(clusterId, poller);
  }
  return pollCluster(clusterId, poller, storeSink(db, store));
}

async function overviewOf(clusterId: string): Promise<ClusterOverviewDto> {
  const overview = await body<OverviewDto>(await getOverview(req("/api/v1/overview")));
  const found = overview.clusters.find((c) => c.cluster.id === clusterId);
  if (!found) throw new Error(`overview lacks ${clusterId}`);
  return found;
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await db.cluster.deleteMany({ where: { id: { in: ["ov-kafka", "ov-rabbit", "ov-clean", "ov-never"] } } });
  await syncClusters(db, loadConfig().clusters);
  ownBroker("start");
  await createTopicWithMessages(topic, [10, 20, 30]);
  await commitOffsets(stoppedGroup, topic, [4, 20, 0]);
  await createVhost(vhost);
  const connection = await connect(vhost);
  const channel = await connection.createConfirmChannel();
  await channel.assertQueue(idleQueue, { durable: true });
  for (let i = 0; i < IDLE_MESSAGES; i += 1) channel.sendToQueue(idleQueue, Buffer.from(`mail ${i}`));
  await channel.waitForConfirms();
  // Dead letters into a missing exchange (dropped), a queue that dead-letters into itself (loop), and
  // a DLQ holding dead letters with nobody consuming them (normal for a DLQ: no alarm).
  await channel.assertQueue("orders.drops", { arguments: { "x-dead-letter-exchange": "no-such-dlx" } });
  await channel.assertExchange("loop-dlx", "fanout");
  await channel.assertQueue("orders.loop", { arguments: { "x-dead-letter-exchange": "loop-dlx", "x-message-ttl": 3_600_000 } });
  await channel.bindQueue("orders.loop", "loop-dlx", "");
  await channel.assertExchange("dlx", "fanout");
  await channel.assertQueue("orders.dlq");
  await channel.bindQueue("orders.dlq", "dlx", "");
  await channel.assertQueue("orders", { arguments: { "x-dead-letter-exchange": "dlx" } });
  for (let i = 0; i < DEAD_LETTERS; i += 1) channel.sendToQueue("orders", Buffer.from(`order ${i}`));
  await channel.waitForConfirms();
  for (let rejected = 0; rejected < DEAD_LETTERS;) {
    const message = await channel.get("orders", { noAck: false });
    if (message) {
      channel.nack(message, false, false);
      rejected += 1;
    } else {
      await sleep(100);
    }
  }
  // A round trip on the channel after the nacks: closing right after the last nack requeued it here.
  await channel.checkQueue("orders");
  await connection.close();
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([...pollers.values()].map((poller) => poller.close()));
  await deleteGroupsAndTopics([stoppedGroup], [topic]);
  await deleteVhost(vhost);
  ownBroker("stop");
  await db.$disconnect();
});

describe("GET /api/v1/overview against real brokers", () => {
  it("lists a stopped group with its lag in time and total lag, as critical", async () => {
    // A group with lag and no members whose offsets never move: ERR after the minimum observations.
    for (let i = 0; i < 4; i += 1) {
      expect((await poll("ov-kafka")).ok).toBe(true);
      await sleep(1_000);
    }
    const group = await body<ConsumerGroupDetailDto>(await getGroup(req(""), params({ id: "ov-kafka", groupId: stoppedGroup })));
    expect(group.status).toBe("ERR");
    const ov = await overviewOf("ov-kafka");
    expect(ov.allClear).toBe(false);
    const problem = ov.problems.find((p) => p.subject.type === "group" && p.subject.groupId === stoppedGroup);
    expect(problem).toMatchObject({ kind: "group-lag", severity: "critical", status: "ERR", totalLag: 36, lagSeconds: group.lagSeconds, lagSecondsExact: group.lagSecondsExact });
    expect(group.lagSeconds).not.toBeNull();
    // critical problems come before warnings
    const severities = ov.problems.map((p) => p.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === "critical" ? -1 : 1)));
  });

  it("lists a queue without consumers with its ready count as RabbitMQ reports it", async () => {
    const ctl = rabbitmqctlListQueues(vhost).find((q) => q.name === idleQueue);
    expect(ctl).toMatchObject({ messages_ready: IDLE_MESSAGES, consumers: 0 });
    // The broker refreshes its queue figures every 5 s: poll until the stored depth has caught up.
    const deadline = Date.now() + 30_000;
    let problem;
    while (Date.now() < deadline) {
      expect((await poll("ov-rabbit")).ok).toBe(true);
      problem = (await overviewOf("ov-rabbit")).problems.find((p) => p.kind === "no-consumers" && p.subject.type === "queue" && p.subject.vhost === vhost);
      if (problem && "messagesReady" in problem && problem.messagesReady === IDLE_MESSAGES) break;
      await sleep(1_000);
    }
    expect(problem).toMatchObject({ kind: "no-consumers", severity: "warning", subject: { type: "queue", vhost, name: idleQueue }, messagesReady: ctl?.messages_ready });
  });

  it("lists dead letters dropped and a dead-letter loop as critical, and no alarm for a DLQ nobody consumes", async () => {
    await expect.poll(() => rabbitmqctlListQueues(vhost).find((q) => q.name === "orders.dlq"), { timeout: 10_000 }).toMatchObject({ messages_ready: DEAD_LETTERS, consumers: 0 });
    const mine = (ov: ClusterOverviewDto) => ov.problems.filter((p) => p.subject.type === "queue" && p.subject.vhost === vhost).map((p) => `${p.severity}:${p.kind}:${p.subject.type === "queue" ? p.subject.name : ""}`);
    const want = ["critical:dead-letters-dropped:orders.drops", "critical:dead-letter-loop:orders.loop", `warning:no-consumers:${idleQueue}`];
    const deadline = Date.now() + 30_000;
    let found: string[] = [];
    while (Date.now() < deadline) {
      expect((await poll("ov-rabbit")).ok).toBe(true);
      found = mine(await overviewOf("ov-rabbit")).filter((p) => !p.includes("dead-letter-inflow"));
      if (found.join() === want.join()) break;
      await sleep(1_000);
    }
    // orders.dlq holds dead letters and has no consumer, yet raises no "no consumers" alarm.
    expect(found).toEqual(want);
  });

  it("a clean cluster is all clear, with what it watched", async () => {
    const cleanTopic = `payments-${suffix}`;
    const kafka = new Kafka({ clientId: "queuewatch-tests", brokers: [OWN_BROKER_ADDRESS], logLevel: logLevel.NOTHING, retry: { retries: 5 } });
    const admin = kafka.admin();
    await admin.connect();
    // The broker keeps its data between runs: start from nothing but what this test makes.
    const leftGroups = (await admin.listGroups()).groups.map((g) => g.groupId);
    if (leftGroups.length > 0) await admin.deleteGroups(leftGroups);
    const leftTopics = (await admin.listTopics()).filter((t) => !t.startsWith("__"));
    if (leftTopics.length > 0) await admin.deleteTopics({ topics: leftTopics });
    await admin.createTopics({ topics: [{ topic: cleanTopic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: cleanTopic, acks: -1, messages: [{ value: "a" }, { value: "b" }] });
    await producer.disconnect();
    await admin.setOffsets({ groupId: `payments-caught-up-${suffix}`, topic: cleanTopic, partitions: [{ partition: 0, offset: "2" }] });
    await admin.disconnect();
    for (let i = 0; i < 3; i += 1) expect((await poll("ov-clean")).ok).toBe(true);
    const ov = await overviewOf("ov-clean");
    expect(ov.problems).toEqual([]);
    expect(ov.allClear).toBe(true);
    expect(ov.counts).toMatchObject({ groups: 1, topics: 1, queues: 0, nodes: 0 });
  });

  it("the same cluster with its broker stopped is not all clear: down comes first", async () => {
    ownBroker("stop");
    const report = await poll("ov-clean");
    expect(report.ok).toBe(false);
    const ov = await overviewOf("ov-clean");
    expect(ov.allClear).toBe(false);
    expect(ov.problems[0]).toMatchObject({ kind: "cluster-down", severity: "critical", lastError: report.error });
    expect(ov.cluster).toMatchObject({ status: "down", stale: true });
  });

  it("a cluster never polled is not all clear, and critical clusters come first", async () => {
    const overview = await body<OverviewDto>(await getOverview(req("/api/v1/overview")));
    const never = overview.clusters.find((c) => c.cluster.id === "ov-never");
    expect(never).toMatchObject({ allClear: false, problems: [{ kind: "never-polled", severity: "critical" }] });
    const ranks = overview.clusters.map((c) => (c.problems[0]?.severity === "critical" ? 0 : c.problems[0] ? 1 : 2));
    expect(ranks).toEqual([...ranks].sort());
  });
});
