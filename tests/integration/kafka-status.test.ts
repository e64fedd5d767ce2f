// Issue 9 item 5: lag status against the real broker, judged at commits (Burrow), not per poll.
// A producer at ~20/s and a real kafkajs consumer group consuming ~9/s with a commit every 3 s:
// once judged, every evaluation is WARN (never an OK or ERR flip). Then the consumer stops while
// production continues: STOP (group ERR) at the next poll after the group has no members and
// its lag grew.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consumer } from "kafkajs";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { queryConsumerGroup } from "@/lib/kafka/store/query-consumer-groups";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, startPacedProducer, testKafka, type PacedProducer } from "../support/kafka-fixtures";
import { TEST_DATABASE_URL, uniqueSuffix } from "../support/test-config";

const CLUSTER = "status-it";
const POLL_MS = 2000;
const suffix = uniqueSuffix();
const topic = `qw-it-slow-${suffix}`;
const groupId = `qw-it-slow-group-${suffix}`;

let db: Db;
let adapter: KafkaAdapter;
let producer: PacedProducer | null = null;
let consumer: Consumer | null = null;
const store = new StoreWriter();
const tracker = new LagTracker();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Evaluation {
  at: number;
  status: string;
  partitionStatus: string;
  members: number;
  committed: number | null;
  lag: number | null;
}

async function evaluate(): Promise<Evaluation | null> {
  const tick = Date.now();
  const report = await pollCluster(CLUSTER, new KafkaPoller(CLUSTER, adapter, tracker), storeSink(db, store));
  expect(report.error).toBeNull();
  const detail = await queryConsumerGroup(db, CLUSTER, groupId);
  await sleep(POLL_MS - (Date.now() - tick));
  if (!detail) return null;
  const partition = detail.partitions[0];
  return { at: tick, status: detail.status, partitionStatus: partition?.status ?? "?", members: detail.members, committed: partition?.committedOffset ?? null, lag: partition?.lag ?? null };
}

const show = (list: readonly Evaluation[]) => list.map((e) => `${e.partitionStatus}(lag ${e.lag}, members ${e.members})`).join(" ");

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  const cluster = { id: CLUSTER, kind: "kafka" as const, brokers: [KAFKA_BROKER] };
  await syncClusters(db, [cluster]);
  adapter = new KafkaAdapter(cluster);
  await createTopicWithMessages(topic, [0]);
});

afterAll(async () => {
  await consumer?.disconnect();
  await producer?.stop();
  await adapter.close();
  await deleteGroupsAndTopics([groupId], [topic]);
  await db.$disconnect();
});

describe("lag status judged at commits, against the real broker", () => {
  it("is WARN at every evaluation for a consumer slower than its producer, and STOP at the next poll once it stopped", async () => {
    producer = await startPacedProducer(topic, 0, 20);
    await sleep(3000); // a backlog from the start: the consumer never catches up
    consumer = testKafka().consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    const consumingSince = Date.now();
    await consumer.run({
      autoCommitInterval: 3000,
      eachMessage: async () => {
        // ~9 messages/s, on schedule whatever the fetch sizes.
        consumed += 1;
        await sleep(Math.max(0, consumingSince + (consumed * 1000) / 9 - Date.now()));
      },
    });

    // Warm-up: the group joins and commits; a few commits are needed before the trend is certain.
    const warmUp: Evaluation[] = [];
    while (!warmUp.some((e) => e.status === "WARN")) {
      const e = await evaluate();
      if (e) warmUp.push(e);
      expect(Date.now() - consumingSince, `no WARN within 40 s: ${show(warmUp)}`).toBeLessThan(40_000);
    }
    expect(warmUp.filter((e) => e.status === "ERR")).toEqual([]);

    const judged: Evaluation[] = [];
    while (judged.length < 15) {
      const e = await evaluate();
      if (e) judged.push(e);
    }
    expect(judged.every((e) => e.members > 0)).toBe(true);
    expect(judged.map((e) => e.status), show(judged)).toEqual(judged.map(() => "WARN"));
    const first = judged[0] as Evaluation;
    const last = judged[judged.length - 1] as Evaluation;
    const produceRate = producer.produced.length / ((Date.now() - consumingSince) / 1000 + 3);
    const consumeRate = ((last.committed ?? 0) - (first.committed ?? 0)) / ((last.at - first.at) / 1000);
    process.stdout.write(`slower consumer: ${judged.length} evaluations WARN; produced ${produceRate.toFixed(1)}/s, committed ${consumeRate.toFixed(1)}/s; warm-up ${show(warmUp)}\n`);

    // The consumer stops (it leaves the group); production goes on.
    await consumer.disconnect();
    consumer = null;
    const after: Evaluation[] = [];
    while (after.length < 6) {
      const e = await evaluate();
      if (e) after.push(e);
    }
    const empty = after.findIndex((e) => e.members === 0);
    expect(empty, show(after)).toBeGreaterThanOrEqual(0);
    // The first poll without members whose lag grew since the previous poll (no commit in between) is STOP.
    const firstGrown = after.findIndex((e, i) => i >= empty && i > 0 && e.committed === after[i - 1]?.committed && (e.lag ?? 0) > (after[i - 1]?.lag ?? 0));
    expect(firstGrown, show(after)).toBeLessThanOrEqual(empty + 1);
    expect(after.slice(firstGrown).map((e) => e.partitionStatus), show(after)).toEqual(after.slice(firstGrown).map(() => "STOP"));
    expect(after.slice(firstGrown).every((e) => e.status === "ERR")).toBe(true);
    process.stdout.write(`stopped consumer: ${show(after)}\n`);
  });
});
