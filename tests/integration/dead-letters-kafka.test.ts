// Issue 13 — Kafka dead-letter topics against the real broker: found by name, copied by offset without a
// consumer group (Kafka's own group listing is unchanged), records made like Spring Kafka's (binary ints and
// longs) and Kafka Connect's (text) decoded, batches compressed by Kafka's own console producer with gzip,
// snappy, lz4 and zstd read back byte for byte, depth equal to GetOffsetShell's offsets, each record stored
// once however often the pass runs, copies below a moved log start dropped, and viewers see masked payloads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/clusters/[id]/dead-letters/route";
import { GET as messagesRoute } from "@/app/api/v1/clusters/[id]/dead-letters/messages/route";
import { GET as messageRoute } from "@/app/api/v1/clusters/[id]/dead-letters/messages/[messageId]/route";
import { GET as payloadRoute } from "@/app/api/v1/clusters/[id]/dead-letters/messages/[messageId]/payload/route";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { configSchema, type KafkaClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { DeadLetterMessageDto, DeadLetterPageDto, DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import { KafkaDeadLetterIndexer } from "@/lib/kafka/dead-letter-indexer";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { createTestToken } from "../support/auth-fixtures";
import { deleteGroupsAndTopics, KAFKA_BROKER, kafkaScript, testKafka, withAdmin } from "../support/kafka-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";
import { execFileSync } from "node:child_process";
import path from "node:path";

const suffix = uniqueSuffix();
const CLUSTER = `it-dlq-kafka-${suffix}`.slice(0, 63);
const SOURCE = `dlq${suffix}.orders`;
// Its own dead-letter pattern: the shared broker holds other tests' (and the e2e run's) dead-letter topics.
const DLT = `${SOURCE}-dlt${suffix}`;
const CARD = "4111111111111111";
const CODECS = ["gzip", "snappy", "lz4", "zstd"] as const;
const PER_CODEC = 5;

let db: Db;
let poller: KafkaPoller;
let operatorToken: string;
const store = new StoreWriter();

const int = (value: number) => {
  const out = Buffer.alloc(4);
  out.writeInt32BE(value);
  return out;
};
const long = (value: number) => {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(BigInt(value));
  return out;
};

async function pass() {
  const report = await pollCluster(CLUSTER, poller, storeSink(db, store));
  expect(report.error).toBeNull();
  return poller.collectDeadLetters(db, new Date());
}

/** GetOffsetShell's offsets per partition at `time` (earliest or latest). */
function offsets(time: "earliest" | "latest"): Map<number, number> {
  const out = kafkaScript("get-offsets", "--topic", DLT, "--time", time);
  return new Map(out.trim().split("\n").filter(Boolean).map((line) => {
    const parts = line.split(":");
    return [Number(parts.at(-2)), Number(parts.at(-1))] as const;
  }));
}

const groupList = () => kafkaScript("consumer-groups", "--list").split("\n").map((l) => l.trim()).filter(Boolean).sort();

const sourceParams = `topic=${encodeURIComponent(DLT)}`;
const asOperator = (url: string) => new Request(`http://localhost${url}`, { headers: { authorization: `Bearer ${operatorToken}` } });
const list = async () => (await body<{ deadLetters: DeadLetterSourceDto[] }>(await listRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters`), params({ id: CLUSTER })))).deadLetters;
const page = async (query: string, request = req) => body<DeadLetterPageDto>(await messagesRoute(request(`/api/v1/clusters/${CLUSTER}/dead-letters/messages?${sourceParams}&${query}`), params({ id: CLUSTER })));

beforeAll(async () => {
  writeTestConfig(`
clusters:
  - id: ${CLUSTER}
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
    deadLetterTopics: ["{topic}-dlt${suffix}"]
deadLetters:
  masking:
    - path: customer.email
    - regex: "\\\\b\\\\d{16}\\\\b"
`);
  db = createPrismaClient(TEST_DATABASE_URL);
  const cluster: KafkaClusterConfig = { id: CLUSTER, kind: "kafka", brokers: [KAFKA_BROKER], deadLetterTopics: [`{topic}-dlt${suffix}`] };
  configSchema.parse({ clusters: [cluster] });
  await syncClusters(db, [cluster]);
  operatorToken = await createTestToken(db, `dlq-operator-${suffix}`, "operator");
  await withAdmin((admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic: SOURCE, numPartitions: 1 }, { topic: DLT, numPartitions: 2 }] }));
  const producer = testKafka().producer();
  await producer.connect();
  try {
    // As Spring Kafka's DeadLetterPublishingRecoverer writes them (ints and longs as big-endian binary).
    await producer.send({ topic: DLT, acks: -1, messages: [0, 1, 2].map((i) => ({
      partition: 0,
      key: `order-${i}`,
      value: JSON.stringify({ order: i, customer: { email: `c${i}@example.com` }, note: `card ${CARD}` }),
      headers: {
        "kafka_dlt-original-topic": SOURCE,
        "kafka_dlt-original-partition": int(0),
        "kafka_dlt-original-offset": long(1_234_567_890_120 + i),
        "kafka_dlt-original-timestamp": long(1_765_000_000_000 + i),
        "kafka_dlt-original-consumer-group": "billing",
        "kafka_dlt-exception-fqcn": "org.springframework.kafka.listener.ListenerExecutionFailedException",
        "kafka_dlt-exception-cause-fqcn": "java.lang.IllegalStateException",
        "kafka_dlt-exception-message": `order ${i} <script>alert(1)</script>`,
        "kafka_dlt-exception-stacktrace": "java.lang.IllegalStateException: bad\n\tat shop.Billing.handle(Billing.java:42)",
      },
    })) });
    // As Kafka Connect's error reporter writes them (every value as text).
    await producer.send({ topic: DLT, acks: -1, messages: [0, 1].map((i) => ({
      partition: 1,
      value: Buffer.from([0xde, 0xad, 0xbe, 0xef, i]),
      headers: {
        "__connect.errors.topic": SOURCE,
        "__connect.errors.partition": "0",
        "__connect.errors.offset": String(40 + i),
        "__connect.errors.connector.name": "jdbc-sink",
        "__connect.errors.task.id": "1",
        "__connect.errors.stage": "VALUE_CONVERTER",
        "__connect.errors.exception.class.name": "org.apache.kafka.connect.errors.DataException",
        "__connect.errors.exception.message": "Converting byte[] to Kafka Connect data failed",
      },
    })) });
  } finally {
    await producer.disconnect();
  }
  // Compressed batches from Kafka's own producer, one batch per codec, each record with a header.
  for (const codec of CODECS) {
    const lines = Array.from({ length: PER_CODEC }, (_, i) => `codec:${codec}\t${codec}-${i}`).join("\n");
    execFileSync("bash", [path.resolve(__dirname, "../../scripts/kafka.sh"), "console-producer", "--topic", DLT, "--compression-codec", codec, "--property", "parse.headers=true", "--producer-property", "linger.ms=1000", "--producer-property", "batch.size=1000000"], { input: `${lines}\n`, stdio: ["pipe", "ignore", "ignore"] });
  }
  poller = new KafkaPoller(CLUSTER, new KafkaAdapter(cluster), new LagTracker(), new KafkaDeadLetterIndexer(cluster));
}, 120_000);

afterAll(async () => {
  await poller?.close();
  await deleteGroupsAndTopics([], [SOURCE, DLT]);
  await db.deadLetter.deleteMany({ where: { clusterId: CLUSTER } });
  await db.deadLetterCursor.deleteMany({ where: { clusterId: CLUSTER } });
  await db.cluster.deleteMany({ where: { id: CLUSTER } });
  await db.$disconnect();
});

describe("Kafka dead-letter topics", () => {
  const total = 3 + 2 + CODECS.length * PER_CODEC;

  it("copies every record once by offset, with no consumer group, and its depth equals GetOffsetShell's", async () => {
    const groupsBefore = groupList();
    const first = await pass();
    expect(first).toMatchObject({ sources: 1, stored: total, behind: 0 });
    expect((await pass()).stored).toBe(0);
    expect(groupList()).toEqual(groupsBefore);
    const [source] = await list();
    const latest = offsets("latest");
    const earliest = offsets("earliest");
    const depth = [...latest].reduce((sum, [partition, end]) => sum + end - (earliest.get(partition) ?? 0), 0);
    expect(source).toMatchObject({ key: `topic:${DLT}`, type: "topic", depth, browse: "index", held: total, waiting: total });
    expect(depth).toBe(total);
    expect(source?.origins).toEqual(expect.arrayContaining([{ name: SOURCE, via: "name", count: null }, { name: SOURCE, via: "headers", count: 5 }]));
    // The console producer's records carry no context: their cause is unknown, and counted as such.
    expect(source?.topCauses).toEqual([
      { cause: null, count: CODECS.length * PER_CODEC },
      { cause: "org.springframework.kafka.listener.ListenerExecutionFailedException", count: 3 },
      { cause: "org.apache.kafka.connect.errors.DataException", count: 2 },
    ]);
  });

  it("decodes Spring Kafka's binary headers and Kafka Connect's text headers", async () => {
    const spring = await page(`cause=${encodeURIComponent("org.springframework.kafka.listener.ListenerExecutionFailedException")}`, asOperator);
    expect(spring.total).toBe(3);
    const newest = spring.messages[0] as DeadLetterMessageDto;
    expect(newest.context.original).toMatchObject({ topic: SOURCE, partition: 0, offset: 1_234_567_890_122, timestamp: 1_765_000_000_002, consumerGroup: "billing" });
    expect(newest.context.exception).toMatchObject({ causeClassName: "java.lang.IllegalStateException", message: "order 2 <script>alert(1)</script>" });
    expect(newest.key?.text).toBe("order-2");
    const connect = await page("exceptionClass=DataException");
    expect(connect.messages.map((m) => m.context.original)).toEqual([1, 0].map((i) => expect.objectContaining({ topic: SOURCE, partition: 0, offset: 40 + i, connector: "jdbc-sink", task: 1, stage: "VALUE_CONVERTER" })));
    expect(connect.messages[0]?.payload).toMatchObject({ format: "binary", size: 5 });
  });

  it("reads batches Kafka's producer compressed with gzip, snappy, lz4 and zstd", async () => {
    for (const codec of CODECS) {
      const found = await page(`header=codec&headerValue=${codec}`);
      expect(found.total).toBe(PER_CODEC);
      expect(found.messages.map((m) => m.payload.text).sort()).toEqual(Array.from({ length: PER_CODEC }, (_, i) => `${codec}-${i}`));
      const one = await page(`text=${codec}-3`);
      expect(one.messages.map((m) => m.payload.text)).toEqual([`${codec}-3`]);
    }
  });

  it("masks payloads, headers and exception messages for viewers, not for operators; a download is masked the same way", async () => {
    const query = `original=${encodeURIComponent(SOURCE)}&exceptionClass=Listener`;
    const forViewer = (await page(query)).messages[0] as DeadLetterMessageDto;
    expect(forViewer.masked).toBe(true);
    expect(JSON.parse(forViewer.payload.text)).toEqual({ order: 2, customer: { email: "***" }, note: "card ***" });
    const forOperator = (await page(query, asOperator)).messages[0] as DeadLetterMessageDto;
    expect(forOperator.masked).toBe(false);
    expect(JSON.parse(forOperator.payload.text)).toMatchObject({ customer: { email: "c2@example.com" }, note: `card ${CARD}` });
    const id = forViewer.id ?? "";
    const one = await body<{ message: DeadLetterMessageDto }>(await messageRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages/${id}?${sourceParams}`), params({ id: CLUSTER, messageId: id })));
    expect(one.message.payload.text).not.toContain(CARD);
    const download = await payloadRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages/${id}/payload?${sourceParams}`), params({ id: CLUSTER, messageId: id }));
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("x-queuewatch-masked")).toBe("true");
    expect(Buffer.from(await download.arrayBuffer()).toString()).not.toContain(CARD);
  });

  it("stores only new records later, and drops copies below a log start that moved", async () => {
    await withAdmin(async (admin) => {
      await admin.fetchTopicMetadata({ topics: [DLT] }); // kafkajs needs the leaders before deleting records
      await admin.deleteTopicRecords({ topic: DLT, partitions: [{ partition: 0, offset: "2" }] });
    });
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: DLT, acks: -1, messages: [{ partition: 0, value: "late arrival" }] });
    await producer.disconnect();
    expect(await pass()).toMatchObject({ stored: 1 });
    const [source] = await list();
    const latest = offsets("latest");
    const earliest = offsets("earliest");
    expect(earliest.get(0)).toBe(2);
    const depth = [...latest].reduce((sum, [partition, end]) => sum + end - (earliest.get(partition) ?? 0), 0);
    expect(source).toMatchObject({ depth, held: depth });
  });

  it("answers clearly for a source that is not a dead-letter topic, and for a bad filter", async () => {
    const notDlq = await messagesRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages?topic=${encodeURIComponent(SOURCE)}`), params({ id: CLUSTER }));
    expect(notDlq.status).toBe(404);
    expect((await notDlq.json()).error.message).toMatch(/is not a dead-letter topic/);
    const bad = await messagesRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages?${sourceParams}&from=yesterday`), params({ id: CLUSTER }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/`from`/);
    const noSource = await messagesRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages`), params({ id: CLUSTER }));
    expect((await noSource.json()).error.message).toMatch(/\?topic=<name>/);
  });
});
