// The web process's way to a broker: a connection built from the configuration through the
// registry, with no poller, no store and no poll loop (dead-letter browse and replay will use it).
// Its reading is checked against the brokers' own tools, and it must leave the store untouched.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCluster } from "@/lib/brokers/registry";
import { loadConfig } from "@/lib/config/load-config";
import type { ClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { commitOffsets, createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, kafkaScript } from "../support/kafka-fixtures";
import { connect, createVhost, deleteVhost } from "../support/rabbitmq-fixtures";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const suffix = uniqueSuffix();
const topic = `qw-it-connect-${suffix}`;
const groups = [`qw-it-connect-a-${suffix}`, `qw-it-connect-b-${suffix}`];
const vhost = `qw-it-connect-${suffix}`;

writeTestConfig(`
clusters:
  - id: it-connect-kafka
    kind: kafka
    brokers: ["${KAFKA_BROKER}"]
  - id: it-connect-rabbit
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
  - id: it-connect-nowhere
    kind: kafka
    brokers: ["127.0.0.1:1"]
`);

let db: Db;

function clusterOf(id: string): ClusterConfig {
  const cluster = loadConfig().clusters.find((c) => c.id === id);
  if (!cluster) throw new Error(`no cluster ${id} in the test config`);
  return cluster;
}

/** What the web process's connection reads: one read, then the connection is let go. */
async function readOnce(id: string) {
  const connection = connectCluster(clusterOf(id));
  try {
    return await connection.read();
  } finally {
    await connection.close();
  }
}

/** Rows the store holds, to show that a connection writes nothing. */
async function storeRows(): Promise<number[]> {
  return Promise.all([db.pollRun.count(), db.cluster.count(), db.series.count(), db.consumerGroup.count(), db.rabbitmqQueue.count()]);
}

/** Every queue in every vhost, by rabbitmqctl. */
function rabbitmqctlQueueCount(): number {
  const vhosts = JSON.parse(execFileSync("rabbitmqctl", ["list_vhosts", "-q", "--formatter", "json", "name"], { encoding: "utf8" })) as { name: string }[];
  return vhosts.reduce((sum, v) => sum + (JSON.parse(execFileSync("rabbitmqctl", ["list_queues", "-q", "-p", v.name, "--formatter", "json", "name"], { encoding: "utf8" })) as unknown[]).length, 0);
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  await createTopicWithMessages(topic, [5, 5]);
  for (const group of groups) await commitOffsets(group, topic, [1, 2]);
  await createVhost(vhost);
  const connection = await connect(vhost);
  const channel = await connection.createChannel();
  for (const name of ["a", "b", "c"]) await channel.assertQueue(name, { durable: false });
  await connection.close();
});

afterAll(async () => {
  await deleteGroupsAndTopics(groups, [topic]);
  await deleteVhost(vhost);
  await db.$disconnect();
});

describe("a connection built from the config, without a poll loop", () => {
  it("Kafka: reads as many consumer groups as kafka-consumer-groups --list, and writes nothing", async () => {
    const before = await storeRows();
    const reading = await readOnce("it-connect-kafka");
    const listed = kafkaScript("consumer-groups", "--list").split("\n").map((line) => line.trim()).filter(Boolean);
    expect(listed).toEqual(expect.arrayContaining(groups));
    expect(reading.counts).toEqual([{ noun: "consumer group", count: listed.length }]);
    expect(reading.brokerRequests).toBeGreaterThan(0);
    expect(await storeRows()).toEqual(before);
  });

  it("RabbitMQ: reads as many queues as rabbitmqctl lists in all vhosts, and writes nothing", async () => {
    const before = await storeRows();
    // The Prometheus plugin lists a new queue from the broker's next statistics emission (every 5 s).
    await expect.poll(async () => (await readOnce("it-connect-rabbit")).counts, { timeout: 15_000, interval: 1000 })
      .toEqual([{ noun: "queue", count: rabbitmqctlQueueCount() }]);
    expect(await storeRows()).toEqual(before);
  });

  it("an unreachable broker: read() rejects with the reason, and close() still works", async () => {
    const connection = connectCluster(clusterOf("it-connect-nowhere"));
    await expect(connection.read()).rejects.toThrow(/ECONNREFUSED|Connection error|connect/i);
    await connection.close();
  });
});
