// Seeds the e2e database from the real broker: a topic with known messages, groups with
// known committed offsets, then a few real collector polls so the chart has history.
import { hashPassword } from "@/lib/auth/credentials";
import { createPoller } from "@/lib/brokers/registry";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient } from "@/lib/db/prisma";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { commitOffsets, createTopicWithMessages, deleteGroupsAndTopics, testKafka, withAdmin } from "@/tests/support/kafka-fixtures";
import { connect, createVhost } from "@/tests/support/rabbitmq-fixtures";
import { E2E_REPLAY_COUNT, E2E_REPLAY_DLT, E2E_REPLAY_TOPIC, E2E_COMMITTED, E2E_DLQ, E2E_DLT, E2E_HOSTILE_HEADER, E2E_HOSTILE_PAYLOAD, E2E_HUGE_BYTES, E2E_GROUP, E2E_HOSTILE_GROUP, E2E_HOSTILE_QUEUE, E2E_HOSTILE_READY, E2E_PRODUCED, E2E_TOPIC, E2E_UNICODE_QUEUE, E2E_USERS, E2E_VHOST } from "./fixtures";

/** Hostile names on the real RabbitMQ: a fresh vhost, a queue dead-lettering into a DLQ, messages waiting. */
async function seedRabbitmq(): Promise<void> {
  await createVhost(E2E_VHOST);
  const connection = await connect(E2E_VHOST);
  const channel = await connection.createChannel();
  await channel.assertExchange("dlx <x>", "fanout");
  await channel.assertQueue(E2E_DLQ);
  await channel.bindQueue(E2E_DLQ, "dlx <x>", "");
  await channel.assertQueue(E2E_HOSTILE_QUEUE, { arguments: { "x-dead-letter-exchange": "dlx <x>" } });
  await channel.assertQueue(E2E_UNICODE_QUEUE);
  for (let i = 0; i < E2E_HOSTILE_READY; i += 1) channel.sendToQueue(E2E_HOSTILE_QUEUE, Buffer.from(`<b>payload ${i}</b>`));
  // Hostile dead letters waiting in the DLQ: markup, bytes that are not UTF-8, 10 MB, hostile header names and values.
  const death = [{ count: 1, reason: "rejected", queue: E2E_HOSTILE_QUEUE, exchange: "dlx <x>", "routing-keys": [E2E_HOSTILE_HEADER], time: { "!": "timestamp", value: 1_765_000_000 } }];
  const headers = { "x-death": death, [E2E_HOSTILE_HEADER]: E2E_HOSTILE_PAYLOAD, "x-exception-message": E2E_HOSTILE_PAYLOAD };
  channel.sendToQueue(E2E_DLQ, Buffer.from(E2E_HOSTILE_PAYLOAD), { headers });
  channel.sendToQueue(E2E_DLQ, Buffer.from([0x3c, 0x62, 0x3e, 0xc3, 0x28, 0x00, 0xff]), { headers });
  channel.sendToQueue(E2E_DLQ, Buffer.alloc(E2E_HUGE_BYTES, "x"), { headers });
  await channel.close();
  await connection.close();
}

/** A dead-letter topic with hostile records as Spring Kafka writes them: markup, non-UTF-8 bytes, 10 MB. */
async function seedDeadLetterTopic(): Promise<void> {
  await deleteGroupsAndTopics([], [E2E_DLT, E2E_REPLAY_TOPIC, E2E_REPLAY_DLT]);
  for (let attempt = 0; ; attempt += 1) {
    try {
      await withAdmin((admin) => admin.createTopics({ waitForLeaders: true, topics: [
        { topic: E2E_DLT, numPartitions: 1, configEntries: [{ name: "max.message.bytes", value: String(E2E_HUGE_BYTES + 1024 * 1024) }] },
        { topic: E2E_REPLAY_TOPIC, numPartitions: 1 },
        { topic: E2E_REPLAY_DLT, numPartitions: 1 },
      ] }));
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const producer = testKafka().producer();
  await producer.connect();
  const offset = Buffer.alloc(8);
  offset.writeBigInt64BE(3n);
  const headers = { "kafka_dlt-original-topic": E2E_TOPIC, "kafka_dlt-original-offset": offset, "kafka_dlt-exception-fqcn": "java.lang.IllegalStateException", "kafka_dlt-exception-message": E2E_HOSTILE_PAYLOAD, [E2E_HOSTILE_HEADER]: E2E_HOSTILE_PAYLOAD };
  for (const value of [Buffer.from(E2E_HOSTILE_PAYLOAD), Buffer.from([0x3c, 0x62, 0x3e, 0xc3, 0x28, 0x00, 0xff]), Buffer.alloc(E2E_HUGE_BYTES, "y")]) {
    await producer.send({ topic: E2E_DLT, acks: -1, messages: [{ value, headers }] });
  }
  await producer.send({ topic: E2E_REPLAY_DLT, acks: -1, messages: Array.from({ length: E2E_REPLAY_COUNT }, (_, i) => ({ key: `replay-${i}`, value: `replay me ${i}`, headers: { "kafka_dlt-original-topic": E2E_REPLAY_TOPIC, "kafka_dlt-exception-fqcn": "java.lang.RuntimeException" } })) });
  await producer.disconnect();
}

/** The viewer and operator the browser tests sign in as (the admin is the server's first admin). */
async function seedUsers(db: ReturnType<typeof createPrismaClient>): Promise<void> {
  for (const [role, user] of [["viewer", E2E_USERS.viewer], ["operator", E2E_USERS.operator]] as const) {
    const passwordHash = await hashPassword(user.password);
    await db.user.upsert({ where: { username: user.username }, create: { username: user.username, role, passwordHash }, update: { role, passwordHash, disabledAt: null } });
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL must point at the e2e database");
  const config = loadConfig();
  const db = createPrismaClient(url);
  const sink = storeSink(db, new StoreWriter());
  await db.$executeRaw`TRUNCATE clusters, samples, rollup_1m, rollup_1h, rollup_state, dead_letters, dead_letter_cursors CASCADE`;
  await seedUsers(db);
  await syncClusters(db, config.clusters);

  await deleteGroupsAndTopics([E2E_GROUP, E2E_HOSTILE_GROUP], [E2E_TOPIC]);
  // Topic deletion is asynchronous in Kafka: retry creation briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await createTopicWithMessages(E2E_TOPIC, E2E_PRODUCED);
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  await commitOffsets(E2E_GROUP, E2E_TOPIC, E2E_COMMITTED);
  await seedDeadLetterTopic();
  await commitOffsets(E2E_HOSTILE_GROUP, E2E_TOPIC, [1, 1, 1]);

  const kafka = config.clusters.find((c) => c.id === "e2e-kafka");
  const rabbit = config.clusters.find((c) => c.id === "e2e-rabbit");
  if (!kafka || !rabbit) throw new Error("e2e config must define e2e-kafka and e2e-rabbit");
  const kafkaPoller = createPoller(kafka);
  for (let i = 0; i < 2; i += 1) {
    const report = await pollCluster(kafka.id, kafkaPoller, sink);
    if (!report.ok) throw new Error(`seed poll failed: ${report.error}`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  await kafkaPoller.close();
  await seedRabbitmq();
  // New queues reach the Prometheus endpoint with the broker's next stats emission (every 5 s).
  await new Promise((resolve) => setTimeout(resolve, 6000));
  const rabbitPoller = createPoller(rabbit);
  const rabbitReport = await pollCluster(rabbit.id, rabbitPoller, sink);
  await rabbitPoller.close();
  if (!rabbitReport.ok) throw new Error(`seed poll of RabbitMQ failed: ${rabbitReport.error}`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
