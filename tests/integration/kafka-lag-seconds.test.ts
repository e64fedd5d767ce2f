// Lag in seconds and lag status against the real broker: caught up → 0 s; behind an idle
// producer → grows with wall time; after a rewind → within one poll interval of the real
// age of the message at the committed offset.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsumerGroupDetailDto } from "@/lib/api/types";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { queryConsumerGroup } from "@/lib/kafka/store/query-consumer-groups";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { commitOffsets, createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, produceTo } from "../support/kafka-fixtures";
import { TEST_DATABASE_URL, uniqueSuffix } from "../support/test-config";

const CLUSTER = "lag-seconds-it";
const suffix = uniqueSuffix();
const topic = `qw-it-age-${suffix}`;
const groupId = `qw-it-age-group-${suffix}`;

let db: Db;
let adapter: KafkaAdapter;
const tracker = new LagTracker();
const store = new StoreWriter();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(): Promise<ConsumerGroupDetailDto & { at: number }> {
  return pollWith(tracker);
}

async function pollWith(lagTracker: LagTracker): Promise<ConsumerGroupDetailDto & { at: number }> {
  const report = await pollCluster(CLUSTER, new KafkaPoller(CLUSTER, adapter, lagTracker), storeSink(db, store));
  expect(report.error).toBeNull();
  const detail = await queryConsumerGroup(db, CLUSTER, groupId);
  if (!detail) throw new Error("group missing after poll");
  return { ...detail, at: Date.parse(detail.polledAt) };
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  const cluster = { id: CLUSTER, kind: "kafka" as const, brokers: [KAFKA_BROKER] };
  await syncClusters(db, [cluster]);
  adapter = new KafkaAdapter(cluster);
  await createTopicWithMessages(topic, [0]);
  await commitOffsets(groupId, topic, [0]);
});

afterAll(async () => {
  await adapter.close();
  await deleteGroupsAndTopics([groupId], [topic]);
  await db.$disconnect();
});

describe("lag in seconds against the real broker", () => {
  it("is 0 when caught up, grows behind an idle producer, tracks a rewind, and survives a restart", async () => {
    const p0 = await poll();
    await sleep(1000);
    const producedFrom = Date.now();
    await produceTo(topic, 0, 10);
    const producedTo = Date.now();
    await sleep(1000);
    await commitOffsets(groupId, topic, [10]);
    const p1 = await poll();
    expect(p1.partitions[0]).toMatchObject({ committedOffset: 10, endOffset: 10, lag: 0, lagSeconds: 0 });
    expect(p1.lagSeconds).toBe(0);

    // The producer writes 5 more and goes idle; the consumer stays at 10.
    const secondFrom = Date.now();
    await produceTo(topic, 0, 5);
    const p2 = await poll();
    expect(p2.totalLag).toBe(5);
    const firstAge = p2.lagSeconds ?? -1;
    expect(firstAge).toBeGreaterThanOrEqual(0);
    expect(firstAge).toBeLessThanOrEqual((p2.at - p1.at) / 1000); // message 10 arrived after p1
    expect(Math.abs(firstAge - (p2.at - secondFrom) / 1000)).toBeLessThanOrEqual((p2.at - p1.at) / 1000);
    await sleep(3000);
    const p3 = await poll();
    // Idle producer: the message at the committed offset keeps getting older with wall time.
    expect((p3.lagSeconds ?? 0) - firstAge).toBeCloseTo((p3.at - p2.at) / 1000, 0);
    expect(p3.catchUpSeconds).toBeNull();

    // Rewind to offset 0: the first message, produced between p0 and p1.
    await commitOffsets(groupId, topic, [0]);
    const p4 = await poll();
    const realAgeMin = (p4.at - producedTo) / 1000;
    const realAgeMax = (p4.at - producedFrom) / 1000;
    const pollInterval = (p1.at - p0.at) / 1000;
    expect(p4.lagSeconds ?? -1).toBeGreaterThanOrEqual(realAgeMin - pollInterval);
    expect(p4.lagSeconds ?? Infinity).toBeLessThanOrEqual(realAgeMax + pollInterval);
    expect(p4.lagSecondsExact).toBe(true);
    expect(p4.partitions[0]?.status).toBe("REWIND");
    expect(p4.status).toBe("WARN");

    // A restarted collector seeds its history from the store (the poller's restore) and gives the same age.
    const restarted = new LagTracker();
    await new KafkaPoller(CLUSTER, adapter, restarted).restore(db, p0.at - 1000);
    const p5 = await pollWith(restarted);
    expect(p5.lagSecondsExact).toBe(true);
    expect(Math.abs((p5.lagSeconds ?? 0) - ((p4.lagSeconds ?? 0) + (p5.at - p4.at) / 1000))).toBeLessThanOrEqual(pollInterval);
  });
});
