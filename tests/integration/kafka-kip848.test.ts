// A group using Kafka 4.x's new consumer protocol (KIP-848), run by Kafka's own Java
// console consumer with group.protocol=consumer: kafkajs cannot describe it, so it must be
// shown as a KIP-848 group with unknown state — never as a dead or empty group — with exact lag.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { queryConsumerGroup } from "@/lib/kafka/store/query-consumer-groups";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, withAdmin } from "../support/kafka-fixtures";
import { TEST_DATABASE_URL, uniqueSuffix } from "../support/test-config";

const ROOT = path.resolve(__dirname, "../..");
const CLUSTER = "kip848-it";
const suffix = uniqueSuffix();
const topic = `qw-it-848-${suffix}`;
const groupId = `qw-it-848-group-${suffix}`;
let db: Db;
let consumer: ChildProcess | undefined;

const kafkaClasspath = (): string => execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), "classpath"], { encoding: "utf8" });

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, [{ id: CLUSTER, kind: "kafka", brokers: [KAFKA_BROKER] }]);
  await createTopicWithMessages(topic, [5, 7]);
});

afterAll(async () => {
  consumer?.kill("SIGKILL");
  await deleteGroupsAndTopics([groupId], [topic]).catch(() => {});
  await db.$disconnect();
});

describe("KIP-848 consumer groups", () => {
  // The new protocol is generally available from Kafka 4.0; on 3.9 (KAFKA_VERSION=3.9.x) this case does not apply.
  it.runIf(!/\/3\.[^/]*\/libs/.test(kafkaClasspath()))("are shown as KIP-848 groups with exact lag, not as dead or empty (Kafka 4.x)", async () => {
    const classpath = kafkaClasspath().trim();
    consumer = spawn("java", [
      `-Dlog4j2.configurationFile=${path.join(ROOT, "scripts/kafka/log4j2-tools.properties")}`, "-Xmx256m", "-cp", classpath,
      "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", KAFKA_BROKER, "--topic", topic, "--group", groupId,
      "--from-beginning", "--consumer-property", "group.protocol=consumer", "--consumer-property", "auto.commit.interval.ms=500",
    ], { stdio: "ignore" });
    // Wait until the consumer has committed everything (12 messages).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const offsets = await withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] })).catch(() => []);
      const committed = offsets.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      if (committed === 12) break;
      if (Date.now() > deadline) throw new Error(`the KIP-848 consumer did not commit its offsets (committed ${committed})`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const adapter = new KafkaAdapter({ id: CLUSTER, kind: "kafka", brokers: [KAFKA_BROKER] });
    const report = await pollCluster(CLUSTER, new KafkaPoller(CLUSTER, adapter, new LagTracker()), storeSink(db, new StoreWriter()));
    await adapter.close();
    expect(report.error).toBeNull();
    const detail = await queryConsumerGroup(db, CLUSTER, groupId);
    expect(detail).toMatchObject({ groupProtocol: "consumer", state: "Unknown", totalLag: 0 });
    expect(detail?.partitions.map((p) => [p.partition, p.committedOffset, p.endOffset, p.lag])).toEqual([[0, 5, 5, 0], [1, 7, 7, 0]]);
  });
});
