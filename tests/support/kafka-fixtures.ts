// Real-broker fixtures for integration and e2e tests: topics with a known number of
// messages per partition, and a consumer group with offsets committed at known positions.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Kafka, logLevel, type Admin } from "kafkajs";

export const KAFKA_BROKER = process.env.KAFKA_BROKER ?? `127.0.0.1:${process.env.KAFKA_PORT ?? "9092"}`;
const ROOT = path.resolve(__dirname, "../..");

export function testKafka(): Kafka {
  return new Kafka({ clientId: "queuewatch-tests", brokers: [KAFKA_BROKER], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
}

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates `topic` with one partition per entry of `counts` and produces counts[p] messages to partition p. */
export async function createTopicWithMessages(topic: string, counts: readonly number[]): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.createTopics({ topics: [{ topic, numPartitions: counts.length, replicationFactor: 1 }], waitForLeaders: true });
  });
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (const [partition, count] of counts.entries()) {
      if (count === 0) continue;
      await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ partition, key: `k${i}`, value: `message ${i} of partition ${partition}` })) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Produces `count` more messages to one partition. */
export async function produceTo(topic: string, partition: number, count: number): Promise<void> {
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, i) => ({ partition, value: `extra ${i}` })) });
  } finally {
    await producer.disconnect();
  }
}

/** Commits offsets for a group that has no running consumer. */
export async function commitOffsets(groupId: string, topic: string, offsets: readonly number[]): Promise<void> {
  await withAdmin((admin) => admin.setOffsets({ groupId, topic, partitions: offsets.map((offset, partition) => ({ partition, offset: String(offset) })) }));
}

export async function deleteGroupsAndTopics(groupIds: string[], topics: string[]): Promise<void> {
  await withAdmin(async (admin) => {
    const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
    const groups = groupIds.filter((g) => existing.has(g));
    if (groups.length > 0) await admin.deleteGroups(groups);
    const present = new Set(await admin.listTopics());
    const doomed = topics.filter((t) => present.has(t));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed });
  });
}

export interface DescribedPartition {
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number;
  lag: number | null;
}

/** Runs Kafka's own `kafka-consumer-groups --describe` and parses its table. */
export function kafkaConsumerGroupsDescribe(groupId: string): DescribedPartition[] {
  const out = execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), "consumer-groups", "--describe", "--group", groupId], { encoding: "utf8" });
  const lines = out.split("\n").map((l) => l.trim()).filter(Boolean);
  const headerIndex = lines.findIndex((l) => /^GROUP\s+TOPIC\s+PARTITION/.test(l));
  if (headerIndex < 0) throw new Error(`unexpected kafka-consumer-groups output:\n${out}`);
  const header = (lines[headerIndex] ?? "").split(/\s+/);
  const col = (name: string) => header.indexOf(name);
  const num = (v: string | undefined) => (v === undefined || v === "-" ? null : Number(v));
  return lines.slice(headerIndex + 1).map((line) => {
    const cells = line.split(/\s+/);
    return {
      topic: cells[col("TOPIC")] ?? "",
      partition: Number(cells[col("PARTITION")]),
      currentOffset: num(cells[col("CURRENT-OFFSET")]),
      logEndOffset: Number(cells[col("LOG-END-OFFSET")]),
      lag: num(cells[col("LAG")]),
    };
  });
}

export function kafkaScript(...args: string[]): string {
  return execFileSync("bash", [path.join(ROOT, "scripts/kafka.sh"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface ProducedMessage {
  offset: number;
  /** epoch ms: the send began (the message cannot be older) */
  sentAt: number;
  /** epoch ms: the broker acknowledged it (it was appended by then) */
  ackedAt: number;
}

export interface PacedProducer {
  /** every message sent so far, by offset */
  readonly produced: ProducedMessage[];
  stop(): Promise<void>;
}

/**
 * Produces to one partition at `perSecond` messages/s, one send at a time, recording when each
 * message was sent and acknowledged: the truth that lag in seconds is checked against. It keeps
 * to its schedule (a late tick sends what is due) so a busy machine does not change the rate.
 */
export async function startPacedProducer(topic: string, partition: number, perSecond: number): Promise<PacedProducer> {
  const producer = testKafka().producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const produced: ProducedMessage[] = [];
  const startedAt = Date.now();
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * perSecond) + 1 - produced.length;
      for (let i = 0; i < due && !stopping; i += 1) {
        const sentAt = Date.now();
        const [meta] = await producer.send({ topic, acks: -1, messages: [{ partition, value: `paced ${produced.length} at ${sentAt}` }] });
        produced.push({ offset: Number(meta?.baseOffset ?? produced.length), sentAt, ackedAt: Date.now() });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, 1000 / perSecond / 2)));
    }
  })();
  return {
    produced,
    async stop() {
      stopping = true;
      await loop;
      await producer.disconnect();
    },
  };
}
