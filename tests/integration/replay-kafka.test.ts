// Issue 13 — replaying Kafka dead letters against the real broker, as jobs the collector runs: a dry run
// changes nothing and says what would go where; a replay sends each waiting message once to its original
// topic (from Spring's headers), key, payload and headers intact plus the replay count; a message replayed
// `maxReplays` times already is parked; a second replay sends nothing (the ledger); and 10,000 messages
// replayed while the broker restarts arrive exactly once each. Jobs go through the API as an operator
// (viewers are refused) and leave audit rows.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/v1/replays/route";
import { GET as getRoute } from "@/app/api/v1/replays/[replayId]/route";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { configSchema, type KafkaClusterConfig, type QueuewatchConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { ReplayDto } from "@/lib/dlq/dead-letter-dto";
import { ReplayRunner } from "@/lib/dlq/replay/replay-runner";
import { KafkaDeadLetterIndexer } from "@/lib/kafka/dead-letter-indexer";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { silentLogger } from "@/lib/log/logger";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { Kafka, logLevel } from "kafkajs";
import { createTestToken } from "../support/auth-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const ROOT = path.resolve(__dirname, "../..");
/** This test's own broker: it is restarted mid-replay. */
const OWN_BROKER = { KAFKA_INSTANCE: "replay-test", KAFKA_PORT: "9592" };
const BROKER = `127.0.0.1:${OWN_BROKER.KAFKA_PORT}`;
const ownBroker = (command: "start" | "stop") => execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), command], { env: { ...process.env, ...OWN_BROKER }, stdio: "ignore" });
/** The same, without blocking this process: the replay keeps running (and failing, and retrying) meanwhile. */
const ownBrokerAsync = (command: "start" | "stop") => promisify(execFile)("bash", [path.join(ROOT, "scripts/kafka.sh"), command], { env: { ...process.env, ...OWN_BROKER } });

const suffix = uniqueSuffix();
const CLUSTER = `it-replay-kafka-${suffix}`.slice(0, 63);
const ORDERS = `orders-${suffix}`;
const DLT = `${ORDERS}-dlt`;
const BULK = 10_000;

let db: Db;
let config: QueuewatchConfig;
let cluster: KafkaClusterConfig;
let poller: KafkaPoller;
let runner: ReplayRunner;
let operator: string;
const store = new StoreWriter();
const kafka = () => new Kafka({ brokers: [BROKER], logLevel: logLevel.NOTHING, retry: { retries: 10 } });

const long = (value: number) => {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(BigInt(value));
  return out;
};

async function pass(): Promise<void> {
  expect((await pollCluster(CLUSTER, poller, storeSink(db, store))).error).toBeNull();
  await poller.collectDeadLetters(db, new Date());
}

async function create(payload: object, token = operator): Promise<Response> {
  return createRoute(new Request("http://localhost/api/v1/replays", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ cluster: CLUSTER, source: { topic: DLT }, ...payload }) }), params({}));
}

async function runJob(payload: object): Promise<ReplayDto> {
  const { id } = await body<{ id: string }>(await create(payload), 201);
  while (await runner.tick()) { /* runs every runnable job */ }
  return (await body<{ replay: ReplayDto }>(await getRoute(req(`/api/v1/replays/${id}`), params({ replayId: id })))).replay;
}

/** Every record of a topic from the start, read by a throwaway consumer. */
async function readAll(topic: string, expected: number): Promise<{ key: string | null; value: string; headers: Record<string, string> }[]> {
  const consumer = kafka().consumer({ groupId: `replay-check-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const out: { key: string | null; value: string; headers: Record<string, string> }[] = [];
  await consumer.run({ eachMessage: async ({ message }) => {
    out.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? "", headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])) });
  } });
  const deadline = Date.now() + 60_000;
  while (out.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
  await new Promise((resolve) => setTimeout(resolve, 1500)); // and nothing more arrives
  await consumer.disconnect();
  return out;
}

beforeAll(async () => {
  ownBroker("start");
  writeTestConfig(`
clusters:
  - id: ${CLUSTER}
    kind: kafka
    brokers: ["${BROKER}"]
deadLetters:
  maxReplays: 3
`);
  config = configSchema.parse({ clusters: [{ id: CLUSTER, kind: "kafka", brokers: [BROKER] }], deadLetters: { maxReplays: 3 } });
  cluster = config.clusters[0] as KafkaClusterConfig;
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, config.clusters);
  operator = await createTestToken(db, `replay-operator-${suffix}`, "operator");
  const admin = kafka().admin();
  await admin.connect();
  // The broker's data outlives a stop: an earlier run's topics go first (this broker is the test's own).
  const leftovers = (await admin.listTopics()).filter((t) => !t.startsWith("__"));
  if (leftovers.length > 0) await admin.deleteTopics({ topics: leftovers });
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: ORDERS, numPartitions: 3 }, { topic: DLT, numPartitions: 1, configEntries: [{ name: "max.message.bytes", value: String(4 * 1024 * 1024) }] }] });
  await admin.disconnect();
  const producer = kafka().producer();
  await producer.connect();
  const spring = (i: number, extra: Record<string, string> = {}) => ({ key: `k-${i}`, value: `order ${i}`, headers: { "kafka_dlt-original-topic": ORDERS, "kafka_dlt-original-offset": long(i), "kafka_dlt-exception-fqcn": "java.lang.IllegalStateException", ...extra } });
  await producer.send({ topic: DLT, acks: -1, messages: [...Array.from({ length: 10 }, (_, i) => spring(i)), spring(99, { "x-queuewatch-replay-count": "3" })] });
  await producer.disconnect();
  poller = new KafkaPoller(CLUSTER, new KafkaAdapter(cluster), new LagTracker(), new KafkaDeadLetterIndexer(cluster));
  runner = new ReplayRunner(db, config, { logger: silentLogger, owner: "test-collector", batchSize: 500 });
  await pass();
}, 180_000);

afterAll(async () => {
  await poller?.close();
  await db.replayLedger.deleteMany({ where: { clusterId: CLUSTER } });
  await db.replayJob.deleteMany({ where: { clusterId: CLUSTER } });
  await db.deadLetter.deleteMany({ where: { clusterId: CLUSTER } });
  await db.deadLetterCursor.deleteMany({ where: { clusterId: CLUSTER } });
  await db.cluster.deleteMany({ where: { id: CLUSTER } });
  await db.$disconnect();
  ownBroker("stop");
});

describe("replaying Kafka dead letters", () => {
  it("refuses a viewer, and a source that is not a dead-letter topic", async () => {
    const viewer = await createTestToken(db, `replay-viewer-${suffix}`, "viewer");
    expect((await create({}, viewer)).status).toBe(403);
    const notDlt = await createRoute(new Request("http://localhost/api/v1/replays", { method: "POST", headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" }, body: JSON.stringify({ cluster: CLUSTER, source: { topic: ORDERS } }) }), params({}));
    expect(notDlt.status).toBe(404);
  });

  it("a dry run says what would go where and sends nothing", async () => {
    const job = await runJob({ dryRun: true });
    expect(job).toMatchObject({ status: "done", dryRun: true, total: 11, sent: 10, parked: 1, skipped: 0, byTarget: { [`topic ${ORDERS}`]: 10 } });
    expect(await readAll(ORDERS, 0)).toEqual([]);
  });

  it("replays each waiting message once to its original topic, parks the one replayed too often, and a second run sends nothing", async () => {
    const job = await runJob({});
    expect(job).toMatchObject({ status: "done", sent: 10, parked: 1, byTarget: { [`topic ${ORDERS}`]: 10 } });
    const arrived = await readAll(ORDERS, 10);
    expect(arrived.map((m) => m.value).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `order ${i}`).sort());
    expect(arrived.every((m) => m.headers["x-queuewatch-replay-count"] === "1" && m.headers["kafka_dlt-original-topic"] === ORDERS)).toBe(true);
    expect(arrived.find((m) => m.value === "order 3")?.key).toBe("k-3");
    expect(await db.deadLetter.count({ where: { clusterId: CLUSTER, state: "replayed" } })).toBe(10);
    expect(await db.deadLetter.count({ where: { clusterId: CLUSTER, state: "parked" } })).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { action: "replay.create", target: `replay:${job.id}` } });
    expect(audit).toHaveLength(1);
    // Everything was replayed or parked: nothing waits; replaying "any" state again is stopped by the ledger.
    const again = await runJob({ filter: { state: "any" } });
    expect(again).toMatchObject({ status: "done", sent: 0, skipped: 10, parked: 1 });
    expect(await readAll(ORDERS, 10)).toHaveLength(10);
  });

  it(`replays ${BULK.toLocaleString("en")} messages while the broker restarts: each arrives exactly once`, async () => {
    const producer = kafka().producer();
    await producer.connect();
    for (let start = 0; start < BULK; start += 250) {
      await producer.send({ topic: DLT, acks: -1, messages: Array.from({ length: 250 }, (_, j) => ({ key: `bulk-${start + j}`, value: `bulk ${start + j} ${"x".repeat(1000)}`, headers: { "kafka_dlt-original-topic": ORDERS } })) });
    }
    await producer.disconnect();
    await pass();
    await pass();
    expect(await db.deadLetter.count({ where: { clusterId: CLUSTER, state: "dead" } })).toBe(BULK);
    const { id } = await body<{ id: string }>(await create({ ratePerSecond: 2000, filter: { text: "bulk " } }), 201);
    const running = runner.tick();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await ownBrokerAsync("stop");
    // The broker went down in the middle of the job: running, part sent.
    const during = (await body<{ replay: ReplayDto }>(await getRoute(req(`/api/v1/replays/${id}`), params({ replayId: id })))).replay;
    expect(during.status).toBe("running");
    expect(during.sent).toBeGreaterThan(0);
    expect(during.sent).toBeLessThan(BULK);
    await ownBrokerAsync("start");
    await running;
    const job = (await body<{ replay: ReplayDto }>(await getRoute(req(`/api/v1/replays/${id}`), params({ replayId: id })))).replay;
    expect(job).toMatchObject({ status: "done", sent: BULK, failed: 0 });
    console.warn(`Kafka replay through a broker restart: sent ${during.sent} before the stop; job errors while it was down: ${JSON.stringify(job.errors)}`);
    const arrived = (await readAll(ORDERS, 10 + BULK)).filter((m) => m.value.startsWith("bulk "));
    const keys = new Set(arrived.map((m) => m.key));
    expect(keys.size).toBe(BULK);
    expect(arrived).toHaveLength(BULK);
  }, 300_000);

  it("skips a record larger than Queuewatch's copy instead of sending it cut short", async () => {
    const producer = kafka().producer();
    await producer.connect();
    await producer.send({ topic: DLT, acks: -1, messages: [{ key: "huge", value: `huge ${"h".repeat(1536 * 1024)}`, headers: { "kafka_dlt-original-topic": ORDERS } }] });
    await producer.disconnect();
    await pass();
    const job = await runJob({ filter: { text: "huge h" } });
    expect(job).toMatchObject({ status: "done", total: 1, sent: 0, skipped: 1 });
    const ledger = await db.replayLedger.findMany({ where: { jobId: job.id } });
    expect(ledger.map((l) => [l.outcome, l.error])).toEqual([["skipped", expect.stringMatching(/larger than Queuewatch's copy/)]]);
  });
});
