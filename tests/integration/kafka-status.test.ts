// Issue 9 item 5: lag status against the real broker, judged at commits (Burrow), not per poll.
// A producer at ~20/s and a real kafkajs consumer group consuming ~9/s with a commit every 3 s:
// once judged, every evaluation is WARN (never an OK or ERR flip). Then the consumer stops while
// production continues: STOP (group ERR) at the next poll after the group has no members and
// its lag grew. Then a consumer at ~40/s catches up: a finite catch-up time, then OK.
// Every poll's stored kafka_group_status / kafka_group_catch_up_seconds samples (issue 12) equal
// the same poll's stored group status and catch-up time, as the API answers them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consumer } from "kafkajs";
import { CLUSTER_UP_METRIC, pollCluster } from "@/lib/collector/poll-cluster";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { KAFKA_METRICS } from "@/lib/kafka/kafka-series";
import { storeSink } from "@/lib/store/poll-sink";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { queryConsumerGroup } from "@/lib/kafka/store/query-consumer-groups";
import type { MetricSample } from "@/lib/store/metric-sample";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, startPacedProducer, testKafka, type PacedProducer } from "../support/kafka-fixtures";
import { sampleValue, storedSamples } from "../support/series-fixtures";
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
/** kafka_group_status by the group's stored status; UNKNOWN writes no sample. */
const SEVERITY: Record<string, number | undefined> = { OK: 0, WARN: 1, ERR: 2 };

interface Evaluation {
  at: number;
  status: string;
  partitionStatus: string;
  members: number;
  committed: number | null;
  lag: number | null;
  catchUpSeconds: number | null;
}

async function evaluate(): Promise<Evaluation | null> {
  const tick = Date.now();
  const report = await pollCluster(CLUSTER, new KafkaPoller(CLUSTER, adapter, tracker), storeSink(db, store));
  expect(report.error).toBeNull();
  const detail = await queryConsumerGroup(db, CLUSTER, groupId);
  const stored = await storedSamples(db, CLUSTER, report.polledAt);
  expect(sampleValue(stored, CLUSTER_UP_METRIC)).toBe(1);
  if (detail) {
    // The series say what the group's row of the same poll (same transaction) says; UNKNOWN and "not catching up" are gaps.
    const labels = { group: groupId };
    expect(sampleValue(stored, KAFKA_METRICS.groupStatus, labels), detail.status).toBe(SEVERITY[detail.status]);
    expect(sampleValue(stored, KAFKA_METRICS.groupCatchUpSeconds, labels)).toBe(detail.catchUpSeconds ?? undefined);
    const signals = (samples: readonly MetricSample[]) =>
      samples.filter((s) => s.labels.group === groupId && (s.metric === KAFKA_METRICS.groupStatus || s.metric === KAFKA_METRICS.groupCatchUpSeconds)).map((s) => [s.metric, Number(s.value.toPrecision(12))]).sort();
    // To 12 digits: a float8 read back can differ from the computed double in the last place (seen: …0000012 vs …00000117).
    expect(signals(report.samples)).toEqual(signals(stored));
  }
  await sleep(POLL_MS - (Date.now() - tick));
  if (!detail) return null;
  const partition = detail.partitions[0];
  return {
    at: tick, status: detail.status, partitionStatus: partition?.status ?? "?", members: detail.members, committed: partition?.committedOffset ?? null, lag: partition?.lag ?? null,
    catchUpSeconds: detail.catchUpSeconds,
  };
}

const show = (list: readonly Evaluation[]) => list.map((e) => `${e.partitionStatus}(lag ${e.lag}, members ${e.members}, catch-up ${e.catchUpSeconds?.toFixed(0) ?? "-"})`).join(" ");

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

  it("gives a finite catch-up time (status OK, severity 0) once a consumer faster than the producer catches up", async () => {
    if (!producer) throw new Error("the previous test did not start the producer");
    consumer = testKafka().consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    let firstAt: number | null = null;
    const consumingSince = Date.now();
    await consumer.run({
      autoCommitInterval: 1000,
      eachMessage: async () => {
        // ~40 messages/s from the first message (no burst after the join) against 20/s produced: the backlog shrinks by ~20/s.
        firstAt ??= Date.now();
        consumed += 1;
        await sleep(Math.max(0, firstAt + (consumed * 1000) / 40 - Date.now()));
      },
    });
    const catching: Evaluation[] = [];
    while (!catching.some((e) => e.catchUpSeconds !== null && e.catchUpSeconds > 0 && e.status === "OK")) {
      const e = await evaluate();
      if (e) catching.push(e);
      expect(Date.now() - consumingSince, `no finite catch-up time within 90 s: ${show(catching)}`).toBeLessThan(90_000);
    }
    const estimate = catching.findLast((e) => e.catchUpSeconds !== null && e.catchUpSeconds > 0) as Evaluation;
    // The estimate is the lag over the net consumption rate (~20/s once the rate span holds only the new consumer).
    expect(estimate.catchUpSeconds ?? 0).toBeGreaterThan((estimate.lag ?? 0) / 40);
    process.stdout.write(`catching up: ${show(catching)}\n`);
  });
});
