// Issue 13 — RabbitMQ dead-letter queues that cannot be read and put back, against the real broker:
// - a quorum DLQ in capture mode: its dead letters (rejected, and over the source's delivery limit) are moved
//   into the store — each acknowledged only after its row is committed — and a batch the broker delivers again
//   after a "crash" between commit and ack is not stored twice; browsed from the store, and replayed into the
//   quorum queue it came from through publisher confirms: every message arrives exactly once, a second job sends
//   none again, a message the journal has in doubt is reported and not sent, an unroutable target fails loudly;
// - a stream DLQ: copied by offset (the stream keeps every message: rabbitmqctl), only new offsets on the next
//   pass, browsed and replayed from the copies. RabbitMQ 3.10.8 drops messages dead-lettered from a classic
//   queue into a stream (measured), so the failures reach it as Spring AMQP's RepublishMessageRecoverer sends
//   them: published with x-exception-* and x-original-* headers; the stream is still the source's dead-letter target.
import type amqp from "amqplib";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/v1/clusters/[id]/dead-letters/route";
import { GET as messagesRoute } from "@/app/api/v1/clusters/[id]/dead-letters/messages/route";
import { POST as createRoute } from "@/app/api/v1/replays/route";
import { GET as getRoute } from "@/app/api/v1/replays/[replayId]/route";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { configSchema, type QueuewatchConfig, type RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { DeadLetterPageDto, DeadLetterSourceDto, ReplayDto } from "@/lib/dlq/dead-letter-dto";
import { deadLetterRow } from "@/lib/dlq/held-message";
import { ReplayRunner } from "@/lib/dlq/replay/replay-runner";
import { sourceKeyOf } from "@/lib/dlq/source-key";
import { storeDeadLetters } from "@/lib/dlq/store/write-dead-letters";
import { silentLogger } from "@/lib/log/logger";
import { heldFromQueue } from "@/lib/rabbitmq/amqp-delivery";
import { RabbitmqDeadLetterCollector } from "@/lib/rabbitmq/dead-letter-collector";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { createTestToken } from "../support/auth-fixtures";
import { connect, createVhost, deleteVhost, getOne, MANAGEMENT_URL, rabbitmqctlListQueues, sleep } from "../support/rabbitmq-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const suffix = uniqueSuffix();
const CLUSTER = `it-dlq-capture-${suffix}`.slice(0, 63);
const vhost = `qw-capture-${suffix}`;
const REJECTED = 30;
const OVER_LIMIT = 4;
const CAPTURED = REJECTED + OVER_LIMIT;
/** Taken by a "collector that crashed after its commit": stored, never acknowledged, delivered again. */
const IN_FLIGHT = 5;

let db: Db;
let config: QueuewatchConfig;
let connection: amqp.ChannelModel;
let channel: amqp.Channel;
let operator: string;
let poller: RabbitmqPoller;
let runner: ReplayRunner;
let cluster: RabbitmqClusterConfig;
const store = new StoreWriter();

const ctl = (queue: string) => rabbitmqctlListQueues(vhost).find((q) => q.name === queue);
const list = async () => (await body<{ deadLetters: DeadLetterSourceDto[] }>(await listRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters`), params({ id: CLUSTER })))).deadLetters;
const browse = async (queue: string, query = "limit=100") => body<DeadLetterPageDto>(await messagesRoute(req(`/api/v1/clusters/${CLUSTER}/dead-letters/messages?vhost=${encodeURIComponent(vhost)}&queue=${encodeURIComponent(queue)}&${query}`), params({ id: CLUSTER })));
const replay = async (id: string) => (await body<{ replay: ReplayDto }>(await getRoute(req(`/api/v1/replays/${id}`), params({ replayId: id })))).replay;

async function create(queue: string, payload: object = {}): Promise<string> {
  const request = new Request("http://localhost/api/v1/replays", { method: "POST", headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" }, body: JSON.stringify({ cluster: CLUSTER, source: { vhost, queue }, ...payload }) });
  const response = await createRoute(request, params({}));
  if (response.status !== 201) throw new Error(`POST /api/v1/replays answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function runJobs(): Promise<void> {
  while (await runner.tick()) { /* until none is left */ }
}

async function waitFor(queue: string, field: "messages" | "messages_ready", count: number): Promise<void> {
  for (let i = 0; i < 200 && (ctl(queue)?.[field] ?? -1) !== count; i += 1) await sleep(100);
  expect(ctl(queue)?.[field]).toBe(count);
}

/** Every message in a queue, taken off it: the "id" header of each. */
async function drain(queue: string): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const message = await channel.get(queue, { noAck: true });
    if (message === false) return ids;
    ids.push(Number(message.properties.headers?.id));
  }
}

/** Failed messages of "events" republished into the stream, as Spring AMQP's RepublishMessageRecoverer does. */
async function republish(from: number, count: number): Promise<void> {
  const confirms = await connection.createConfirmChannel();
  for (let i = from; i < from + count; i += 1) {
    confirms.sendToQueue("events.stream", Buffer.from(JSON.stringify({ event: i })), { persistent: true, headers: { id: i, "x-exception-message": `bad event ${i}`, "x-exception-stacktrace": "java.lang.IllegalStateException: bad event\n\tat com.example.Handler.on(Handler.java:42)", "x-original-exchange": "", "x-original-routingKey": "events" } });
  }
  await confirms.waitForConfirms();
  await confirms.close();
}

/** Rejects `count` messages of `queue` without requeue (dead-lettering them), with ids from `from`. */
async function reject(queue: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i += 1) channel.sendToQueue(queue, Buffer.from(JSON.stringify({ order: i })), { persistent: true, headers: { id: i } });
  for (let i = 0; i < count; i += 1) channel.nack(await getOne(channel, queue), false, false);
}

/** Polls (as the collector does before each dead-letter pass) until the stored depth of `queue` is `count`. */
async function pollUntilDepth(queue: string, count: number): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    expect((await pollCluster(CLUSTER, poller, storeSink(db, store))).error).toBeNull();
    const source = (await list()).find((s) => "queue" in s.ref && s.ref.vhost === vhost && s.ref.queue === queue);
    if (source?.depth === count) return;
    await sleep(1000);
  }
  throw new Error(`the polled depth of ${queue} never reached ${count}`);
}

async function collect() {
  return poller.collectDeadLetters(db, new Date());
}

beforeAll(async () => {
  const yaml = `
clusters:
  - id: ${CLUSTER}
    kind: rabbitmq
    managementUrl: ${MANAGEMENT_URL}
    prometheusUrl: false
    username: guest
    password: guest
    managementIntervalSeconds: 1
    deadLetterCapture: ["${vhost}/pay.dlq"]
`;
  writeTestConfig(yaml);
  config = configSchema.parse({ clusters: [{ id: CLUSTER, kind: "rabbitmq", managementUrl: MANAGEMENT_URL, prometheusUrl: false, username: "guest", password: "guest", managementIntervalSeconds: 1, deadLetterCapture: [`${vhost}/pay.dlq`] }] });
  cluster = config.clusters[0] as RabbitmqClusterConfig;
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, config.clusters);
  operator = await createTestToken(db, `capture-operator-${suffix}`, "operator");
  await createVhost(vhost);
  connection = await connect(vhost);
  channel = await connection.createChannel();
  await channel.assertQueue("pay.dlq", { durable: true, arguments: { "x-queue-type": "quorum", "x-delivery-limit": 2 } });
  await channel.assertQueue("pay", { durable: true, arguments: { "x-queue-type": "quorum", "x-delivery-limit": 1, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "pay.dlq" } });
  await channel.assertQueue("events.stream", { durable: true, arguments: { "x-queue-type": "stream" } });
  await channel.assertQueue("events", { durable: true, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "events.stream" } });
  await reject("pay", 0, REJECTED);
  // Over the delivery limit: returned twice, the second return exceeds x-delivery-limit 1 and dead-letters it.
  for (let i = REJECTED; i < CAPTURED; i += 1) channel.sendToQueue("pay", Buffer.from(JSON.stringify({ order: i })), { persistent: true, headers: { id: i } });
  for (let i = 0; i < 400 && (ctl("pay.dlq")?.messages_ready ?? 0) < CAPTURED; i += 1) {
    const got = await channel.get("pay");
    if (got === false) await sleep(50);
    else channel.nack(got, false, true);
  }
  await waitFor("pay.dlq", "messages_ready", CAPTURED);
  await republish(0, 30);
  await waitFor("events.stream", "messages", 30);
  poller = new RabbitmqPoller(new RabbitmqAdapter(cluster), queueTrackerFor(cluster), new RabbitmqDeadLetterCollector(cluster));
  // Two polls: the first reads the topology (queue arguments), the second has it with the depths.
  for (let i = 0; i < 2; i += 1) {
    expect((await pollCluster(CLUSTER, poller, storeSink(db, store))).error).toBeNull();
    await sleep(1100);
  }
  runner = new ReplayRunner(db, config, { logger: silentLogger, owner: "capture-test", batchSize: 10 });
}, 120_000);

afterAll(async () => {
  await connection?.close();
  await poller?.close();
  await deleteVhost(vhost);
  await db.replayLedger.deleteMany({ where: { clusterId: CLUSTER } });
  await db.replayJob.deleteMany({ where: { clusterId: CLUSTER } });
  await db.cluster.deleteMany({ where: { id: CLUSTER } });
  await db.$disconnect();
});

describe("a quorum dead-letter queue in capture mode", () => {
  it("is listed as captured and the stream as copied by offset", async () => {
    const ours = (await list()).filter((s) => "vhost" in s.ref && s.ref.vhost === vhost);
    expect(Object.fromEntries(ours.map((s) => ["queue" in s.ref ? s.ref.queue : "", [s.type, s.browse]]))).toEqual({ "pay.dlq": ["quorum", "capture"], "events.stream": ["stream", "index"] });
  });

  it("moves every dead letter into the store once, acknowledging only stored ones; a redelivered batch is not stored twice", async () => {
    // A collector that committed a batch and died before its ack: rows stored, messages still in the queue, unacknowledged.
    const crashed = await connect(vhost);
    const crashedChannel = await crashed.createChannel();
    const taken = [];
    for (let i = 0; i < IN_FLIGHT; i += 1) taken.push(await getOne(crashedChannel, "pay.dlq"));
    const now = new Date();
    const rows = taken.map((got) => deadLetterRow({ ...heldFromQueue(got), identity: `capture:${randomUUID()}` }, "capture", now, Number.MAX_SAFE_INTEGER));
    await db.$transaction((tx) => storeDeadLetters(tx, CLUSTER, sourceKeyOf({ vhost, queue: "pay.dlq" }), rows, [], now));
    await crashed.close(); // the broker delivers them again, redelivered, with x-delivery-count 1
    await waitFor("pay.dlq", "messages_ready", CAPTURED);

    const pass = await collect();
    expect(pass.stored).toBe(CAPTURED - IN_FLIGHT + 30); // the rest of the queue, and the stream's 30 copies
    await waitFor("pay.dlq", "messages", 0);
    expect(await db.deadLetter.count({ where: { clusterId: CLUSTER, sourceKey: sourceKeyOf({ vhost, queue: "pay.dlq" }) } })).toBe(CAPTURED);
    expect((await collect()).stored).toBe(0);
  });

  it("browses the captured messages from the store, decoded: rejected and over the delivery limit, each once", async () => {
    const first = await browse("pay.dlq");
    const second = await browse("pay.dlq");
    expect(first.total).toBe(CAPTURED);
    expect(second.messages.map((m) => m.id)).toEqual(first.messages.map((m) => m.id));
    const ids = first.messages.map((m) => JSON.parse(m.payload.text ?? "null") as { order: number }).map((p) => p.order).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: CAPTURED }, (_, i) => i));
    const causes = first.messages.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.cause ?? "none"]: (acc[m.cause ?? "none"] ?? 0) + 1 }), {});
    expect(causes).toEqual({ rejected: REJECTED, delivery_limit: OVER_LIMIT });
    // The delivery count the capture's own redelivery added is not part of the dead letter.
    expect(first.messages.every((m) => !("x-delivery-count" in m.headerText))).toBe(true);
    expect((await browse("pay.dlq", "cause=delivery_limit")).total).toBe(OVER_LIMIT);
  });

  it("replays into the quorum queue they died in through publisher confirms: each once, none again, one in doubt reported and kept", async () => {
    const held = await db.deadLetter.findMany({ where: { clusterId: CLUSTER, sourceKey: sourceKeyOf({ vhost, queue: "pay.dlq" }) }, orderBy: { id: "asc" } });
    const doubtful = held[3];
    if (!doubtful) throw new Error("no held messages");
    // A job that stopped between handing this one to the broker and its confirm.
    await db.replayLedger.create({ data: { clusterId: CLUSTER, sourceKey: sourceKeyOf({ vhost, queue: "pay.dlq" }), identity: doubtful.identity, jobId: randomUUID(), outcome: "pending", at: new Date() } });
    const id = await create("pay.dlq");
    await runJobs();
    expect(await replay(id)).toMatchObject({ status: "done", total: CAPTURED, sent: CAPTURED - 1, failed: 1, byTarget: { [`queue ${vhost}/pay`]: CAPTURED - 1 } });
    expect((await replay(id)).errors.join(" ")).toMatch(/in doubt/);
    await waitFor("pay", "messages_ready", CAPTURED - 1);
    const arrived = await drain("pay");
    const doubtfulOrder = (JSON.parse(Buffer.from(doubtful.payload).toString("utf8")) as { order: number }).order;
    expect(arrived.sort((a, b) => a - b)).toEqual(Array.from({ length: CAPTURED }, (_, i) => i).filter((i) => i !== doubtfulOrder));
    expect(await db.deadLetter.count({ where: { id: doubtful.id, state: "dead" } })).toBe(1);

    // Asked to replay all of them again (state any): the ledger has them sent, or in doubt.
    const again = await create("pay.dlq", { filter: { state: "any" } });
    await runJobs();
    expect(await replay(again)).toMatchObject({ status: "done", sent: 0, skipped: CAPTURED - 1, failed: 1 });
    // Nothing more arrived (AMQP's count is exact; rabbitmqctl's quorum figures trail by seconds).
    expect((await channel.checkQueue("pay")).messageCount).toBe(0);
  });

  it("replays one message edited by an operator: the new payload and headers arrive, the held copy stays as it was, the audit row says so", async () => {
    const [chosen] = await db.deadLetter.findMany({ where: { clusterId: CLUSTER, sourceKey: sourceKeyOf({ vhost, queue: "pay.dlq" }), state: "replayed" }, orderBy: { id: "asc" }, take: 1 });
    if (!chosen) throw new Error("no replayed message");
    const id = await create("pay.dlq", { ids: [chosen.id.toString()], filter: { state: "any" }, again: true, edit: { payload: '{"order":-1,"fixed":true}', headers: { "x-fixed-by": "on-call", id: "999" } } });
    await runJobs();
    expect(await replay(id)).toMatchObject({ status: "done", sent: 1, edited: true });
    const arrived = await getOne(channel, "pay");
    channel.ack(arrived);
    expect(arrived.content.toString("utf8")).toBe('{"order":-1,"fixed":true}');
    expect(arrived.properties.headers).toMatchObject({ "x-fixed-by": "on-call", id: "999", "x-queuewatch-replay-count": 1 });
    expect(Buffer.from((await db.deadLetter.findUniqueOrThrow({ where: { id: chosen.id } })).payload).toString("utf8")).toBe(Buffer.from(chosen.payload).toString("utf8"));
    const audit = await db.auditEvent.findFirst({ where: { target: `replay:${id}` } });
    expect(audit?.after).toMatchObject({ edited: { payloadBytes: 25, headers: ["x-fixed-by", "id"] } });
  });

  it("fails the messages no queue takes, with the reason, instead of losing them", async () => {
    const id = await create("pay.dlq", { target: { vhost, exchange: "amq.direct", routingKey: "nowhere" }, again: true, filter: { state: "any", cause: "delivery_limit" } });
    await runJobs();
    const job = await replay(id);
    expect(job).toMatchObject({ status: "done", sent: 0, failed: OVER_LIMIT });
    expect(job.errors.join(" ")).toMatch(/no queue took it \(312 NO_ROUTE/);
  });
});

describe("a stream dead-letter queue", () => {
  it("is copied by offset: the stream keeps every message, and the next pass reads only new offsets", async () => {
    expect(ctl("events.stream")?.messages).toBe(30);
    // Nothing new in the stream: a pass stores nothing (it skips the read while the polled depth is unchanged).
    expect((await collect()).stored).toBe(0);
    await republish(30, 5);
    await waitFor("events.stream", "messages", 35);
    await pollUntilDepth("events.stream", 35);
    expect((await collect()).stored).toBe(5);
    expect((await collect()).stored).toBe(0);
    const page = await browse("events.stream");
    expect(page.total).toBe(35);
    expect(page.messages.map((m) => m.offset)).toEqual(Array.from({ length: 35 }, (_, i) => 34 - i));
    expect(page.messages[0]?.cause).toBe("java.lang.IllegalStateException");
    expect(page.messages[0]?.context.original).toMatchObject({ exchange: "", routingKeys: ["events"] });
    expect(ctl("events.stream")?.messages).toBe(35);
  });

  it("replays the copies to the queue they died in, and the stream still holds them all", async () => {
    const id = await create("events.stream");
    await runJobs();
    expect(await replay(id)).toMatchObject({ status: "done", sent: 35, byTarget: { "exchange (default) → events": 35 } });
    await waitFor("events", "messages_ready", 35);
    expect((await drain("events")).sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i));
    expect(ctl("events.stream")?.messages).toBe(35);
  });
});
