// Lag from a real Kafka broker, through one collector poll, into Postgres and out of the
// API — checked against Kafka's own kafka-consumer-groups tool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsOfKind } from "@/lib/brokers/registry";
import { GET as getGroups } from "@/app/api/v1/clusters/[id]/consumer-groups/route";
import { GET as getGroup } from "@/app/api/v1/clusters/[id]/consumer-groups/[groupId]/route";
import { GET as getLag } from "@/app/api/v1/clusters/[id]/consumer-groups/[groupId]/lag/route";
import { GET as getClusters } from "@/app/api/v1/clusters/route";
import { GET as getBrokers } from "@/app/api/v1/clusters/[id]/brokers/route";
import { GET as getTopics } from "@/app/api/v1/clusters/[id]/topics/route";
import { GET as getTopic } from "@/app/api/v1/clusters/[id]/topics/[topic]/route";
import type { BrokersDto, ClusterDto, ConsumerGroupDetailDto, ConsumerGroupSummaryDto, LagSeriesDto, TopicDetailDto, TopicSummaryDto } from "@/lib/api/types";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { commitOffsets, createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, kafkaConsumerGroupsDescribe, produceTo, testKafka } from "../support/kafka-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const suffix = uniqueSuffix();
const topic = `qw-it-orders-${suffix}`;
const groupId = `qw-it-billing-${suffix}`;
const uncommittedGroup = `qw-it-partial-${suffix}`;
const produced = [10, 20, 30];
const committed = [4, 20, 0];
const expectedLag = [6, 0, 30];

writeTestConfig(`
pollIntervalSeconds: 5
clusters:
  - id: it-kafka
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
  - id: it-rabbit
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
`);

let db: Db;
let cluster: KafkaClusterConfig;
const store = new StoreWriter();
const tracker = new LagTracker();

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  const config = loadConfig();
  await syncClusters(db, config.clusters);
  const configured = config.clusters.find((c) => c.id === "it-kafka");
  const found = configured && settingsOfKind(configured, "kafka");
  if (!found) throw new Error("test config lost its kafka cluster");
  cluster = found;
  await createTopicWithMessages(topic, produced);
  await commitOffsets(groupId, topic, committed);
  // A group that committed on partition 0 only: its other partitions are not reported.
  await commitOffsets(uncommittedGroup, topic, [committed[0] ?? 0]);
});

afterAll(async () => {
  await deleteGroupsAndTopics([groupId, uncommittedGroup], [topic]);
  await db.$disconnect();
});

describe("one collector poll against a real broker", () => {
  it("stores end − committed for every partition, matching kafka-consumer-groups", async () => {
    const adapter = new KafkaAdapter(cluster);
    const report = await pollCluster("it-kafka", new KafkaPoller("it-kafka", adapter, tracker), storeSink(db, store));
    await adapter.close();
    expect(report.error).toBeNull();
    expect(report.ok).toBe(true);

    const detail = await body<ConsumerGroupDetailDto>(await getGroup(req(""), params({ id: "it-kafka", groupId })));
    expect(detail.groupId).toBe(groupId);
    expect(detail.state).toBe("Empty");
    expect(detail.members).toBe(0);
    const offsets = detail.partitions.map(({ topic: t, partition, committedOffset, endOffset, lag }) => ({ topic: t, partition, committedOffset, endOffset, lag }));
    expect(offsets).toEqual(
      produced.map((end, partition) => ({ topic, partition, committedOffset: committed[partition], endOffset: end, lag: expectedLag[partition] })),
    );
    expect(detail.totalLag).toBe(36);

    const kafkaView = kafkaConsumerGroupsDescribe(groupId);
    expect(kafkaView.map((row) => ({ topic: row.topic, partition: row.partition, committedOffset: row.currentOffset, endOffset: row.logEndOffset, lag: row.lag })).sort((a, b) => a.partition - b.partition))
      .toEqual(offsets);

    const list = await body<{ groups: ConsumerGroupSummaryDto[] }>(await getGroups(req(""), params({ id: "it-kafka" })));
    const summary = list.groups.find((g) => g.groupId === groupId);
    expect(summary).toMatchObject({ groupId, state: "Empty", members: 0, totalLag: 36, maxLag: 30, topics: [topic] });

    const partial = list.groups.find((g) => g.groupId === uncommittedGroup);
    expect(partial).toMatchObject({ totalLag: 6, maxLag: 6 });

    const clusters = await body<{ clusters: ClusterDto[] }>(await getClusters(req("/api/v1/clusters")));
    expect(clusters.clusters.find((c) => c.id === "it-kafka")).toMatchObject({ kind: "kafka", status: "up", lastError: null });
  });

  it("serves the lag history with the polled value and nulls where nothing was polled", async () => {
    const to = new Date(Math.ceil((Date.now() + 60_000) / 10_000) * 10_000); // aligned: exactly 60 buckets of 10 s
    const from = new Date(to.getTime() - 10 * 60_000);
    const series = await body<LagSeriesDto>(await getLag(req(`/x?from=${from.toISOString()}&to=${to.toISOString()}&points=60`), params({ id: "it-kafka", groupId })));
    expect(series.step).toBe("PT10S");
    expect(series.points).toHaveLength(60);
    const known = series.points.filter((p) => p.v !== null);
    expect(known.length).toBeGreaterThanOrEqual(1);
    expect(known.every((p) => p.v === 36)).toBe(true);
    expect(series.points.some((p) => p.v === null)).toBe(true);

    // Issue 9 items 6 and 8: `from` mid-bucket → no bucket before it; 1,000 points asked, but 5 s polls → 10 s buckets.
    const midFrom = new Date(from.getTime() + 3_000);
    const fine = await body<LagSeriesDto>(await getLag(req(`/x?from=${midFrom.toISOString()}&to=${to.toISOString()}&points=1000`), params({ id: "it-kafka", groupId })));
    expect(fine.step).toBe("PT10S");
    expect(fine.points).toHaveLength(59);
    expect(fine.points[0]?.t).toBe(new Date(from.getTime() + 10_000).toISOString());
    expect(fine.points.every((p) => Date.parse(p.t) >= midFrom.getTime() && Date.parse(p.t) < to.getTime())).toBe(true);
  });

  it("shows a live consumer's members, and lag null on assigned partitions it never committed", async () => {
    const liveTopic = `qw-it-live-${suffix}`;
    const liveGroup = `qw-it-live-group-${suffix}`;
    await createTopicWithMessages(liveTopic, [3, 4]);
    const consumer = testKafka().consumer({ groupId: liveGroup, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await consumer.connect();
    let assigned = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      assigned = true;
    });
    // Never commits: consumes nothing and leaves auto-commit off.
    await consumer.subscribe({ topic: liveTopic, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async () => {} });
    try {
      for (let i = 0; i < 100 && !assigned; i += 1) await new Promise((r) => setTimeout(r, 200));
      expect(assigned).toBe(true);
      const adapter = new KafkaAdapter(cluster);
      const report = await pollCluster("it-kafka", new KafkaPoller("it-kafka", adapter, tracker), storeSink(db, store));
      await adapter.close();
      expect(report.error).toBeNull();
      const detail = await body<ConsumerGroupDetailDto>(await getGroup(req(""), params({ id: "it-kafka", groupId: liveGroup })));
      expect(detail.state).toBe("Stable");
      expect(detail.members).toBe(1);
      expect(detail.partitions).toEqual([
        { topic: liveTopic, partition: 0, committedOffset: null, endOffset: 3, lag: null, lagSeconds: null, lagSecondsExact: true, status: "UNKNOWN" },
        { topic: liveTopic, partition: 1, committedOffset: null, endOffset: 4, lag: null, lagSeconds: null, lagSecondsExact: true, status: "UNKNOWN" },
      ]);
      expect(detail.status).toBe("UNKNOWN");
      expect(detail.memberDetails).toHaveLength(1);
      expect(detail.memberDetails[0]).toMatchObject({ clientId: "queuewatch-tests", assignment: [{ topic: liveTopic, partitions: [0, 1] }] });
      expect(detail.totalLag).toBeNull();
    } finally {
      await consumer.disconnect();
      await deleteGroupsAndTopics([liveGroup], [liveTopic]);
    }
  });

  it("reports brokers, topic health, produce rate and the topic's consumers", async () => {
    const brokers = await body<BrokersDto>(await getBrokers(req(""), params({ id: "it-kafka" })));
    expect(brokers.brokers).toEqual([{ nodeId: 1, host: "127.0.0.1", port: Number(KAFKA_BROKER.split(":")[1]), isController: true }]);
    expect(brokers.controller).toBe(1);

    await produceTo(topic, 1, 50);
    const adapter = new KafkaAdapter(cluster);
    const before = Date.now();
    const report = await pollCluster("it-kafka", new KafkaPoller("it-kafka", adapter, tracker), storeSink(db, store));
    await adapter.close();
    expect(report.error).toBeNull();

    const topics = await body<{ topics: TopicSummaryDto[] }>(await getTopics(req(""), params({ id: "it-kafka" })));
    const summary = topics.topics.find((t) => t.name === topic);
    expect(summary).toMatchObject({ name: topic, internal: false, partitions: 3, replicationFactor: 1, underReplicatedPartitions: 0, offlinePartitions: 0 });
    expect(summary?.consumerGroups).toEqual([groupId, uncommittedGroup].sort());
    expect(topics.topics.find((t) => t.name === "__consumer_offsets")?.internal).toBe(true);
    // 50 messages since the previous poll of this tracker, spread over the time between the polls.
    const lastPollGap = (Date.now() - before) / 1000 + 60; // generous upper bound on the interval
    expect(summary?.produceRate ?? 0).toBeGreaterThan(50 / lastPollGap);

    const detail = await body<TopicDetailDto>(await getTopic(req(""), params({ id: "it-kafka", topic })));
    expect(detail.partitionDetails.map((p) => [p.partition, p.leader, p.replicas, p.isr, p.endOffset])).toEqual([[0, 1, [1], [1], 10], [1, 1, [1], [1], 70], [2, 1, [1], [1], 30]]);
    // Per partition: the 50 messages all went to partition 1; the others produced nothing.
    const rates = detail.partitionDetails.map((p) => p.produceRate);
    expect([rates[0], rates[2]]).toEqual([0, 0]);
    expect(rates[1] ?? 0).toBeGreaterThan(50 / lastPollGap);
    expect(detail.consumers.find((c) => c.groupId === groupId)).toMatchObject({ state: "Empty", lag: 86 });
    await body(await getTopic(req(""), params({ id: "it-kafka", topic: "no-such-topic" })), 404);
  });

  it("answers 404 for unknown clusters and groups and 400 naming a bad parameter", async () => {
    const unknownCluster = await body<{ error: { message: string } }>(await getGroups(req(""), params({ id: "nope" })), 404);
    expect(unknownCluster.error.message).toContain("nope");
    await body(await getGroup(req(""), params({ id: "it-kafka", groupId: "no-such-group" })), 404);
    await body(await getLag(req("/x"), params({ id: "it-kafka", groupId: "no-such-group" })), 404);
    const bad = await body<{ error: { message: string } }>(await getLag(req("/x?from=yesterday"), params({ id: "it-kafka", groupId })), 400);
    expect(bad.error.message).toContain("`from`");
    const notKafka = await body<{ error: { message: string } }>(await getGroups(req(""), params({ id: "it-rabbit" })), 400);
    expect(notKafka.error.message).toContain("rabbitmq");
  });
});
