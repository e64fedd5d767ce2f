// Issue 13 — replaying a RabbitMQ classic dead-letter queue against a real node of its own: 10,000 messages
// dead-lettered for real (rejected) are moved back to the queue they died in, in transactions, while the test
// kills the replay's AMQP connection three times (management API) and restarts the RabbitMQ application once:
// exactly 10,000 distinct messages arrive, none twice, none is left in the dead-letter queue, and the job's
// counts say so. A dry run changes nothing; the loop guard leaves a message replayed too often in place; a
// cancel stops a job between batches.
import { execFile, execFileSync } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import amqp from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/v1/replays/route";
import { GET as getRoute } from "@/app/api/v1/replays/[replayId]/route";
import { POST as verbRoute } from "@/app/api/v1/replays/[replayId]/[verb]/route";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { configSchema, type QueuewatchConfig, type RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { ReplayDto } from "@/lib/dlq/dead-letter-dto";
import { ReplayRunner } from "@/lib/dlq/replay/replay-runner";
import { silentLogger } from "@/lib/log/logger";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { createTestToken } from "../support/auth-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const ROOT = path.resolve(__dirname, "../..");
const OWN_NODE = { RABBITMQ_INSTANCE: "replay-test", RABBITMQ_NODE_PORT: "5882" };
const AMQP_URL = "amqp://guest:guest@127.0.0.1:5882";
const MANAGEMENT_URL = "http://127.0.0.1:15882";
const AUTH = `Basic ${Buffer.from("guest:guest").toString("base64")}`;
const ownNode = (...args: string[]) => execFileSync("bash", [path.join(ROOT, "scripts/rabbitmq.sh"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...OWN_NODE } });
const ownNodeAsync = (...args: string[]) => promisify(execFile)("bash", [path.join(ROOT, "scripts/rabbitmq.sh"), ...args], { env: { ...process.env, ...OWN_NODE } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const suffix = uniqueSuffix();
const CLUSTER = `it-replay-rabbit-${suffix}`.slice(0, 63);
const BULK = 10_000;

let db: Db;
let config: QueuewatchConfig;
let poller: RabbitmqPoller;
let runner: ReplayRunner;
let operator: string;
const store = new StoreWriter();

async function management(method: "GET" | "DELETE", pathname: string): Promise<unknown> {
  const response = await fetch(`${MANAGEMENT_URL}/api/${pathname}`, { method, headers: { authorization: AUTH } });
  if (!response.ok && response.status !== 404) throw new Error(`${method} ${pathname}: ${response.status}`);
  return method === "GET" ? response.json() : null;
}

/** Ready messages, exactly (AMQP; the management API's figures lag by seconds). */
async function depth(queue: string): Promise<number> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    return (await (await connection.createChannel()).checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

const post = (url: string, payload: object | null): Request =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" }, body: payload === null ? "" : JSON.stringify(payload) });

async function create(payload: object): Promise<string> {
  const response = await createRoute(post("/api/v1/replays", { cluster: CLUSTER, source: { vhost: "/", queue: "work.dlq" }, ...payload }), params({}));
  if (response.status !== 201) throw new Error(`POST /api/v1/replays answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

const replay = async (id: string) => (await body<{ replay: ReplayDto }>(await getRoute(req(`/api/v1/replays/${id}`), params({ replayId: id })))).replay;

/** Dead-letters `count` messages for real: published to "work", then rejected without requeue into "work.dlq". */
async function deadLetter(from: number, count: number, headers: Record<string, unknown> = {}): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  const before = (await channel.checkQueue("work.dlq")).messageCount;
  for (let i = from; i < from + count; i += 1) channel.sendToQueue("work", Buffer.from(`message ${i} ${"x".repeat(1000)}`), { persistent: true, messageId: `m-${i}`, headers: { id: i, ...headers } });
  await channel.waitForConfirms();
  await channel.prefetch(500);
  let rejected = 0;
  await new Promise<void>((resolve) => {
    void channel.consume("work", (message) => {
      if (!message) return;
      channel.nack(message, false, false);
      rejected += 1;
      if (rejected === count) resolve();
    });
  });
  // Until the broker has dead-lettered them all (a synchronous call on the same channel follows the nacks).
  await expect.poll(async () => (await channel.checkQueue("work.dlq")).messageCount, { timeout: 30_000 }).toBe(before + count);
  await connection.close();
}

/** Every message in "work", taken off it: their ids. */
async function drainWork(): Promise<number[]> {
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  const ids: number[] = [];
  for (;;) {
    const message = await channel.get("work", { noAck: true });
    if (message === false) break;
    ids.push(Number(message.properties.headers?.id));
  }
  await connection.close();
  return ids;
}

async function poll(): Promise<void> {
  expect((await pollCluster(CLUSTER, poller, storeSink(db, store))).error).toBeNull();
}

beforeAll(async () => {
  ownNode("start");
  const yaml = `
clusters:
  - id: ${CLUSTER}
    kind: rabbitmq
    managementUrl: ${MANAGEMENT_URL}
    amqpUrl: amqp://127.0.0.1:5882
    prometheusUrl: false
    username: guest
    password: guest
    managementIntervalSeconds: 1
deadLetters:
  maxReplays: 2
`;
  writeTestConfig(yaml);
  config = configSchema.parse({ clusters: [{ id: CLUSTER, kind: "rabbitmq", managementUrl: MANAGEMENT_URL, amqpUrl: "amqp://127.0.0.1:5882", prometheusUrl: false, username: "guest", password: "guest", managementIntervalSeconds: 1 }], deadLetters: { maxReplays: 2 } });
  db = createPrismaClient(TEST_DATABASE_URL);
  await syncClusters(db, config.clusters);
  operator = await createTestToken(db, `replay-rabbit-operator-${suffix}`, "operator");
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  await channel.assertQueue("work.dlq", { durable: true });
  await channel.assertQueue("work", { durable: true, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "work.dlq" } });
  await connection.close();
  poller = new RabbitmqPoller(new RabbitmqAdapter(config.clusters[0] as RabbitmqClusterConfig), queueTrackerFor(config.clusters[0] as RabbitmqClusterConfig));
  runner = new ReplayRunner(db, config, { logger: silentLogger, owner: "test-collector", batchSize: 200 });
}, 180_000);

afterAll(async () => {
  await poller?.close();
  await db.replayLedger.deleteMany({ where: { clusterId: CLUSTER } });
  await db.replayJob.deleteMany({ where: { clusterId: CLUSTER } });
  await db.cluster.deleteMany({ where: { id: CLUSTER } });
  await db.$disconnect();
  ownNode("stop");
});

describe("replaying a RabbitMQ classic dead-letter queue", () => {
  it("a dry run reads and puts back; the loop guard leaves a message replayed too often in place", async () => {
    await deadLetter(0, 5);
    await deadLetter(5, 1, { "x-queuewatch-replay-count": 2 });
    await poll();
    await sleep(1100);
    await poll();
    const dry = await create({ dryRun: true });
    while (await runner.tick()) { /* run */ }
    expect(await replay(dry)).toMatchObject({ status: "done", sent: 5, parked: 1, byTarget: { "queue work": 5 } });
    expect(await depth("work.dlq")).toBe(6);
    const real = await create({});
    while (await runner.tick()) { /* run */ }
    expect(await replay(real)).toMatchObject({ status: "done", sent: 5, parked: 1 });
    expect((await drainWork()).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(await depth("work.dlq")).toBe(1);
  }, 120_000);

  it(`moves ${BULK.toLocaleString("en")} dead letters back while its connection is killed three times and RabbitMQ restarts once: each arrives exactly once`, async () => {
    const parked = await depth("work.dlq");
    await deadLetter(100, BULK);
    await poll();
    const id = await create({ ratePerSecond: 500 });
    const running = runner.tick();
    const faults: string[] = [];
    const killed = new Set<string>();
    // The management API lists a new connection only after its next stats emission (1–5 s): wait for the current one.
    const killReplayConnection = async () => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const connections = (await management("GET", "connections")) as { name: string; client_properties?: { connection_name?: string } }[];
        const ours = connections.filter((c) => c.client_properties?.connection_name === "queuewatch-replay" && !killed.has(c.name));
        if (ours.length > 0) {
          for (const connection of ours) {
            killed.add(connection.name);
            await management("DELETE", `connections/${encodeURIComponent(connection.name)}`);
          }
          faults.push(`killed ${ours.length}`);
          return;
        }
        await sleep(100);
      }
      faults.push("killed 0");
    };
    for (let kill = 0; kill < 3; kill += 1) {
      await sleep(1500);
      await killReplayConnection();
    }
    await sleep(1000);
    await ownNodeAsync("ctl", "stop_app");
    await sleep(1000);
    await ownNodeAsync("ctl", "start_app");
    faults.push("restarted");
    await running;
    const job = await replay(id);
    console.warn(`replay under faults: ${JSON.stringify(faults)}; job ${JSON.stringify({ status: job.status, sent: job.sent, parked: job.parked, skipped: job.skipped, failed: job.failed, errors: job.errors.length })}`);
    expect(faults.filter((f) => f.startsWith("killed ") && f !== "killed 0")).toHaveLength(3);
    expect(job).toMatchObject({ status: "done", sent: BULK, parked: parked, failed: 0 });
    const ids = await drainWork();
    expect(new Set(ids).size).toBe(BULK);
    expect(ids).toHaveLength(BULK);
    expect(Math.min(...ids)).toBe(100);
    expect(Math.max(...ids)).toBe(100 + BULK - 1);
    expect(await depth("work.dlq")).toBe(parked);
  }, 300_000);

  it("cancel stops a running job between batches", async () => {
    const parked = await depth("work.dlq");
    await deadLetter(20_000, 2000);
    await poll();
    const id = await create({ ratePerSecond: 200 });
    const running = runner.tick();
    await sleep(1500);
    expect((await verbRoute(post(`/api/v1/replays/${id}/cancel`, null), params({ replayId: id, verb: "cancel" }))).status).toBe(200);
    await running;
    const job = await replay(id);
    expect(job.status).toBe("cancelled");
    expect(job.sent).toBeGreaterThan(0);
    expect(job.sent).toBeLessThan(2000);
    expect(await drainWork()).toHaveLength(job.sent);
    expect(await depth("work.dlq")).toBe(parked + 2000 - job.sent);
  }, 120_000);
});
