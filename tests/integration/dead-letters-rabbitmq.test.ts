// Issue 13 — RabbitMQ dead-letter queues against the real broker: messages dead-lettered for real (rejected,
// expired, over the length limit) are listed from the dead-letter topology with depth equal to rabbitmqctl's;
// a classic queue is read live and put back — the same messages in the same order on every read, none lost
// (rabbitmqctl), their redelivered flag set — with x-death decoded; a quorum queue with a delivery limit is
// refused rather than read, and its messages and delivery counts stay untouched.
import type amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/clusters/[id]/dead-letters/route";
import { GET as messagesRoute } from "@/app/api/v1/clusters/[id]/dead-letters/messages/route";
import { pollCluster } from "@/lib/collector/poll-cluster";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { DeadLetterPageDto, DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { connect, createVhost, deleteVhost, getOne, MANAGEMENT_URL, rabbitmqctlListQueues, sleep } from "../support/rabbitmq-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const suffix = uniqueSuffix();
const CLUSTER = `it-dlq-rabbit-${suffix}`.slice(0, 63);
const vhost = `qw-dlq-${suffix}`;
const REJECTED = 18;
const cluster: RabbitmqClusterConfig = { id: CLUSTER, kind: "rabbitmq", managementUrl: MANAGEMENT_URL, username: "guest", password: "guest", managementIntervalSeconds: 1 };

let db: Db;
let connection: amqp.ChannelModel;
let channel: amqp.Channel;
const store = new StoreWriter();
const poller = new RabbitmqPoller(new RabbitmqAdapter(cluster), queueTrackerFor(cluster));

const ready = (queue: string) => rabbitmqctlListQueues(vhost).find((q) => q.name === queue);
const list = async () => (await body<{ deadLetters: DeadLetterSourceDto[] }>(await listRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters`), params({ id: CLUSTER })))).deadLetters;
const browse = (queue: string, query = "") => messagesRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages?vhost=${encodeURIComponent(vhost)}&queue=${encodeURIComponent(queue)}&${query}`), params({ id: CLUSTER }));

async function waitForReady(queue: string, count: number) {
  for (let i = 0; i < 200 && (ready(queue)?.messages_ready ?? -1) !== count; i += 1) await sleep(100);
  expect(ready(queue)?.messages_ready).toBe(count);
}

beforeAll(async () => {
  writeTestConfig(`
clusters:
  - id: ${CLUSTER}
    kind: rabbitmq
    managementUrl: ${MANAGEMENT_URL}
    username: guest
    password: guest
`);
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, [cluster]);
  await createVhost(vhost);
  connection = await connect(vhost);
  channel = await connection.createChannel();
  const toDlq = { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "orders.dlq" };
  await channel.assertQueue("orders.dlq", { durable: true });
  await channel.assertQueue("orders", { durable: true, arguments: toDlq });
  await channel.assertQueue("orders.ttl", { durable: true, arguments: { ...toDlq, "x-message-ttl": 1 } });
  await channel.assertQueue("orders.small", { durable: true, arguments: { ...toDlq, "x-max-length": 1 } });
  await channel.assertQueue("pay.dlq", { durable: true, arguments: { "x-queue-type": "quorum", "x-delivery-limit": 2 } });
  await channel.assertQueue("pay", { durable: true, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "pay.dlq" } });
  // Rejected: consumed and rejected without requeue, as a failing consumer does; the last one is hostile.
  for (let i = 0; i < REJECTED; i += 1) {
    const payload = i === REJECTED - 1 ? Buffer.from([0x3c, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x3e, 0xc3, 0x28]) : Buffer.from(JSON.stringify({ seq: i }));
    channel.sendToQueue("orders", payload, { persistent: true, headers: { seq: i, "<img src=x onerror=alert(1)>": "<b>bold</b>" }, messageId: `m-${i}` });
  }
  for (let i = 0; i < REJECTED; i += 1) channel.nack(await getOne(channel, "orders"), false, false);
  await waitForReady("orders.dlq", REJECTED);
  // Expired (per-queue TTL) and over the length limit (the oldest is dropped into the DLQ).
  channel.sendToQueue("orders.ttl", Buffer.from("expired"), { persistent: true });
  await waitForReady("orders.dlq", REJECTED + 1);
  channel.sendToQueue("orders.small", Buffer.from("first"), { persistent: true });
  channel.sendToQueue("orders.small", Buffer.from("second"), { persistent: true });
  await waitForReady("orders.dlq", REJECTED + 2);
  for (let i = 0; i < 3; i += 1) channel.sendToQueue("pay", Buffer.from(`pay-${i}`), { persistent: true });
  for (let i = 0; i < 3; i += 1) channel.nack(await getOne(channel, "pay"), false, false);
  await waitForReady("pay.dlq", 3);
  // Two polls: the first reads the topology (queues, arguments, bindings), the second has it with the depths.
  for (let i = 0; i < 2; i += 1) {
    expect((await pollCluster(CLUSTER, poller, storeSink(db, store))).error).toBeNull();
    await sleep(1100);
  }
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await poller.close();
  await deleteVhost(vhost);
  await db.cluster.deleteMany({ where: { id: CLUSTER } });
  await db.$disconnect();
});

describe("RabbitMQ dead-letter queues", () => {
  it("lists the dead-letter queues with rabbitmqctl's depth, their sources, and how each can be browsed", async () => {
    const sources = (await list()).filter((s) => "vhost" in s.ref && s.ref.vhost === vhost);
    const byQueue = new Map(sources.map((s) => ["queue" in s.ref ? s.ref.queue : "", s]));
    expect([...byQueue.keys()].sort()).toEqual(["orders.dlq", "pay.dlq"]);
    expect(byQueue.get("orders.dlq")).toMatchObject({ type: "classic", depth: ready("orders.dlq")?.messages_ready, browse: "peek" });
    expect(byQueue.get("orders.dlq")?.origins.map((o) => o.name).sort()).toEqual(["orders", "orders.small", "orders.ttl"]);
    expect(byQueue.get("pay.dlq")).toMatchObject({ type: "quorum", depth: 3, browse: "needs-capture" });
  });

  it("reads a classic queue live and puts every message back: same messages, same order, none lost; x-death decoded", async () => {
    const first = await body<DeadLetterPageDto>(await browse("orders.dlq", "limit=100"));
    const second = await body<DeadLetterPageDto>(await browse("orders.dlq", "limit=100"));
    expect(first.total).toBe(REJECTED + 2);
    expect(second.messages.map((m) => m.payload.text)).toEqual(first.messages.map((m) => m.payload.text));
    expect(ready("orders.dlq")).toMatchObject({ messages_ready: REJECTED + 2, messages_unacknowledged: 0 });
    // Read order is queue order: the rejected ones, then the expired one, then the one pushed out by the length limit.
    expect(first.messages.map((m) => m.cause)).toEqual([...Array<string>(REJECTED).fill("rejected"), "expired", "maxlen"]);
    expect(first.messages[0]?.payload.text).toBe('{\n  "seq": 0\n}');
    expect(first.messages[0]?.context.deaths).toEqual([expect.objectContaining({ queue: "orders", reason: "rejected", count: 1, exchange: "", routingKeys: ["orders"] })]);
    expect(first.messages[0]?.context.original).toMatchObject({ queue: "orders", exchange: "" });
    expect(first.messages[0]?.properties).toMatchObject({ message_id: "m-0", redelivered: false });
    expect(second.messages[0]?.properties).toMatchObject({ redelivered: true });
    const hostile = first.messages[REJECTED - 1];
    expect(hostile?.payload.format).toBe("binary");
    expect(hostile?.headerText["<img src=x onerror=alert(1)>"]).toBe("<b>bold</b>");
    const filtered = await body<DeadLetterPageDto>(await browse("orders.dlq", "cause=expired"));
    expect(filtered.messages.map((m) => m.payload.text)).toEqual(["expired"]);
    expect(filtered.messages[0]?.context.original?.queue).toBe("orders.ttl");
  });

  it("refuses to read a quorum queue with a delivery limit, leaving its messages and delivery counts untouched", async () => {
    for (let i = 0; i < 3; i += 1) {
      const answer = await browse("pay.dlq");
      expect(answer.status).toBe(409);
      expect((await answer.json()).error.message).toMatch(/delivery limit/);
    }
    expect(ready("pay.dlq")).toMatchObject({ messages_ready: 3, messages_unacknowledged: 0 });
    const delivered = await getOne(channel, "pay.dlq");
    // Never delivered before: no delivery counted against its limit.
    expect(delivered.properties.headers?.["x-delivery-count"] ?? 0).toBe(0);
    expect(delivered.fields.redelivered).toBe(false);
    channel.nack(delivered, false, true);
  });
});
