// npm run bench:dlq — issue 13, dead-letter replay: the throughput (messages/s) of moving 10,000 × 1 KB dead
// letters back where they came from, Queuewatch's replay runner against each broker's own tool, on this machine:
//   [1] RabbitMQ shovel "Move messages" (what the management UI's button creates: ack-mode on-confirm,
//       src-delete-after queue-length), classic bench.dlq → classic bench.work, timed from the PUT of the shovel
//       parameter until bench.dlq is empty and bench.work holds them all (AMQP checkQueue, which is exact);
//   [2] Queuewatch's live move of the same (ReplayRunner.tick(): one AMQP transaction per batch, the runner's default of REPLAY_BATCH), the
//       messages dead-lettered for real (published to bench.work, rejected without requeue) before the clock starts;
//   [3] kafka-console-consumer --from-beginning --max-messages N | kafka-console-producer (acks=all, idempotence),
//       bench-orders-dlt → bench-orders, fresh JVMs as an operator runs them, timed until the target's end offset
//       has grown by N; plus one no-op console-producer run (JVM start-up, connect, close) for scale;
//   [4] Queuewatch indexing the DLT into Postgres (polls + dead-letter passes until all N are stored: its own row),
//       then Queuewatch's replay of the indexed copies to the original topic named by Spring's
//       kafka_dlt-original-topic header (ReplayRunner.tick(): ledger, idempotent producer, acks=all).
// Before the rounds, two poll + dead-letter passes run exactly as the collector runs them (its own Prisma client);
// if they fail, the table is still printed and the benchmark exits 1 with a PROBLEM line.
// Each count is checked after every run (exactly N arrived, the source empty after a move); a mismatch fails the
// benchmark. Runs go in rounds (all approaches once per round) so that a neighbour's load hits every side alike;
// a round starts only if it fits the time budget. Figures are medians over the rounds.
//
// Everything it needs it starts and stops itself, also on failure or Ctrl-C: a RabbitMQ node of its own
// (scripts/rabbitmq.sh, RABBITMQ_INSTANCE=bench-dlq, AMQP 5892, management 15892, with the shovel plugins enabled
// on that node only), a Kafka broker of its own (scripts/kafka.sh, KAFKA_INSTANCE=bench-dlq, port 9692), and the
// database queuewatch_bench_dlq on the local Postgres (recreated, dropped at the end). The machine's shared
// RabbitMQ (5672) and Kafka (9092) are never touched. Flags (defaults are the issue's size):
//   --keep        keep the database queuewatch_bench_dlq (the brokers are always stopped)
//   --runs=N      rounds at most (3)
//   --messages=N  dead letters per run (10000)
//   --minutes=N   time budget for the whole benchmark (10): no round starts that would overrun it
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connect, type Channel, type ChannelModel } from "amqplib";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { listDeadLetters, readSubjects } from "@/lib/brokers/registry";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { configSchema, type KafkaClusterConfig, type QueuewatchConfig, type RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { REPLAY_BATCH, ReplayRunner } from "@/lib/dlq/replay/replay-runner";
import { KafkaDeadLetterIndexer } from "@/lib/kafka/dead-letter-indexer";
import { KafkaAdapter } from "@/lib/kafka/kafka-adapter";
import { KafkaPoller } from "@/lib/kafka/kafka-poller";
import { LagTracker } from "@/lib/lag/lag-tracker";
import { silentLogger } from "@/lib/log/logger";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { BENCH_SERVER, dropBenchDatabase, int, median, out, parseBenchFlags, recreateBenchDatabase, seconds, timed } from "./bench-support";

const ROOT = path.resolve(__dirname, "../..");
const DB_NAME = "queuewatch_bench_dlq";
const RABBITMQ_SH = path.join(ROOT, "scripts/rabbitmq.sh");
const KAFKA_SH = path.join(ROOT, "scripts/kafka.sh");
const TOOLS_LOG_CONFIG = `-Dlog4j2.configurationFile=${path.join(ROOT, "scripts/kafka/log4j2-tools.properties")}`;

/** The benchmark's own RabbitMQ node (scripts/rabbitmq.sh derives management = AMQP + 10000). */
const RABBIT_ENV = { RABBITMQ_INSTANCE: "bench-dlq", RABBITMQ_NODE_PORT: "5892" };
const RABBIT_NODE = "qw-bench-dlq@localhost";
/** Where scripts/rabbitmq.sh keeps the node's state, its enabled_plugins file among it. */
const RABBIT_STATE_DIR = path.join(process.env.TMPDIR ?? "/tmp", `queuewatch-rabbitmq-${RABBIT_ENV.RABBITMQ_INSTANCE}`);
const AMQP_URL = "amqp://guest:guest@127.0.0.1:5892";
const MANAGEMENT_URL = "http://127.0.0.1:15892";
const AUTHORIZATION = `Basic ${Buffer.from("guest:guest").toString("base64")}`;
const SHOVEL_PLUGINS = ["rabbitmq_shovel", "rabbitmq_shovel_management"];
const SHOVEL_NAME = "bench-move";
const DLQ = "bench.dlq";
const WORK = "bench.work";

/** The benchmark's own Kafka broker (its controller takes the next port). */
const KAFKA_ENV = { KAFKA_INSTANCE: "bench-dlq", KAFKA_PORT: "9692" };
const BROKER = "127.0.0.1:9692";
const DLT = "bench-orders-dlt";
const ORDERS = "bench-orders";

const RABBIT_CLUSTER = "bench-dlq-rabbitmq";
const KAFKA_CLUSTER = "bench-dlq-kafka";
/** The runner's own batch size unless BENCH_BATCH says otherwise (to compare sizes). */
const BATCH_SIZE = Number(process.env.BENCH_BATCH ?? REPLAY_BATCH);
const MESSAGE_BYTES = 1024;
/** Leave this much of the budget for stopping both brokers and dropping the database. */
const TEARDOWN_RESERVE_MS = 30_000;
const MOVE_TIMEOUT_MS = 180_000;

interface Options {
  keep: boolean;
  runs: number;
  messages: number;
  minutes: number;
}

const ISSUE_SIZE: Omit<Options, "keep"> = { runs: 3, messages: 10_000, minutes: 10 };

/** What each row promises per message, as the code (and for the brokers' tools, their documentation) has it. */
const GUARANTEE = {
  shovel: "at-least-once: the source acks each message once the destination confirms it; after a dropped link the unconfirmed ones are sent again (duplicates); nothing records what moved",
  queuewatchLive: `one AMQP transaction per ${BATCH_SIZE}: the copies (mandatory) and the source acks commit together; no loss or duplicate across connection kills and an app restart (integration test); a ledger row per message; a SIGKILLed broker can duplicate (as with every method)`,
  consolePipe: "none end to end: the consumer keeps no position (random group, no commits) and the pipe buffers records between two JVMs, so a failure loses what was in flight and a rerun repeats everything; idempotence covers the producer's own retries only; values only: keys, headers and timestamps dropped, a value with a newline becomes two records",
  queuewatchIndex: "Kafka unchanged (read by offset, no consumer group); each 500 rows commit in one Postgres transaction with the cursor just past them, so a pass repeats nothing and skips nothing",
  queuewatchKafka: "each record once: the ledger is read before the batch, marks each message pending before the send and sent after its acks, so a collector crash in between leaves it reported in doubt, not sent twice (acks=all, idempotent producer, 1 request in flight; exactly once through a broker restart in the integration test); key, headers and payload kept, plus the replay count",
} as const;

type RowId = "shovel" | "queuewatchLive" | "consolePipe" | "jvmNoop" | "queuewatchIndex" | "queuewatchKafka";

interface Row {
  id: RowId;
  label: string;
  /** messages per run, or null for a row that moves nothing (JVM start-up) */
  messages: number | null;
  guarantee: string;
  ms: number[];
}

function parseOptions(argv: readonly string[]): Options {
  return parseBenchFlags(argv, ISSUE_SIZE, "scripts/bench/bench-dlq.ts");
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const rate = (messages: number, ms: number): string => int(messages / (ms / 1000));

class MismatchError extends Error {
  override name = "MismatchError";
}

/** Fails the benchmark loudly when a run's result is not what it should be. */
function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new MismatchError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// --- the brokers' scripts ------------------------------------------------------------------------------

function runScript(script: string, env: Record<string, string>, args: readonly string[]): string {
  const result = spawnSync("bash", [script, ...args], { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${path.relative(ROOT, script)} ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr.slice(-4000)}`);
  return result.stdout.trim();
}

const rabbitSh = (...args: string[]): string => runScript(RABBITMQ_SH, RABBIT_ENV, args);
const kafkaSh = (...args: string[]): string => runScript(KAFKA_SH, KAFKA_ENV, args);

/**
 * Enables the shovel plugins on the benchmark's node only. scripts/rabbitmq.sh has no subcommand for it, and
 * rabbitmq-plugins takes the enabled_plugins file from its own environment, where the default is the machine's
 * /etc/rabbitmq/enabled_plugins (the shared node's list; not tried, on purpose): the node's own file is named
 * explicitly, and the shared one is checked to be unchanged.
 */
function enableShovelPlugins(): void {
  const sharedFile = "/etc/rabbitmq/enabled_plugins";
  const sharedBefore = fs.existsSync(sharedFile) ? fs.readFileSync(sharedFile, "utf8") : null;
  const ownFile = path.join(RABBIT_STATE_DIR, "enabled_plugins");
  if (!fs.existsSync(ownFile)) throw new Error(`${ownFile} is missing: scripts/rabbitmq.sh keeps the node's state elsewhere now`);
  const result = spawnSync("rabbitmq-plugins", ["-n", RABBIT_NODE, "--quiet", "enable", ...SHOVEL_PLUGINS], {
    env: { ...process.env, RABBITMQ_ENABLED_PLUGINS_FILE: ownFile }, encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`rabbitmq-plugins -n ${RABBIT_NODE} enable ${SHOVEL_PLUGINS.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  const sharedAfter = fs.existsSync(sharedFile) ? fs.readFileSync(sharedFile, "utf8") : null;
  if (sharedAfter !== sharedBefore) throw new Error(`${sharedFile} changed while enabling plugins on ${RABBIT_NODE}: restore it to ${JSON.stringify(sharedBefore)}`);
  const own = fs.readFileSync(ownFile, "utf8");
  for (const plugin of SHOVEL_PLUGINS) if (!own.includes(plugin)) throw new Error(`${ownFile} does not list ${plugin}: ${own}`);
}

/** Stops both brokers; every step is tried, and what failed is returned. */
function stopBrokers(): string[] {
  const problems: string[] = [];
  for (const [name, stop] of [["RabbitMQ", () => rabbitSh("stop")], ["Kafka", () => kafkaSh("stop")]] as const) {
    try {
      out(`[teardown] ${stop()}`);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

// --- RabbitMQ -----------------------------------------------------------------------------------------

async function management(method: "GET" | "PUT" | "DELETE", apiPath: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${MANAGEMENT_URL}${apiPath}`, {
    method, headers: { authorization: AUTHORIZATION, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && !(method === "DELETE" && response.status === 404)) throw new Error(`${method} ${apiPath} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Ready messages of a queue, exactly (AMQP; the management API's figures lag 1–5 s). */
const depth = async (channel: Channel, queue: string): Promise<number> => (await channel.checkQueue(queue)).messageCount;

const payloadOf = (i: number): Buffer => Buffer.from(`dead letter ${i} `.padEnd(MESSAGE_BYTES, "x"));

async function declareQueues(connection: ChannelModel): Promise<void> {
  const channel = await connection.createChannel();
  await channel.assertQueue(DLQ, { durable: true });
  await channel.assertQueue(WORK, { durable: true, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": DLQ } });
  await channel.close();
}

/** Dead-letters `count` persistent messages for real: published to bench.work, rejected without requeue into bench.dlq. */
async function deadLetter(count: number): Promise<void> {
  const connection = await connect(AMQP_URL);
  try {
    const channel = await connection.createConfirmChannel();
    const before = await depth(channel, DLQ);
    for (let i = 0; i < count; i += 1) channel.sendToQueue(WORK, payloadOf(i), { persistent: true, messageId: `m-${i}`, headers: { id: i } });
    await channel.waitForConfirms();
    await channel.prefetch(500);
    let rejected = 0;
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`rejected ${rejected} of ${count} messages within 60 s`)), 60_000);
      channel.consume(WORK, (message) => {
        if (!message) return;
        channel.nack(message, false, false);
        rejected += 1;
        if (rejected === count) {
          clearTimeout(timeout);
          resolve();
        }
      }).catch(reject);
    });
    // Until the broker has dead-lettered them all.
    const deadline = Date.now() + 60_000;
    while ((await depth(channel, DLQ)) < before + count) {
      if (Date.now() > deadline) throw new Error(`${DLQ} did not reach ${before + count} messages within 60 s`);
      await sleep(50);
    }
    expectEqual(`${DLQ} after dead-lettering`, await depth(channel, DLQ), before + count);
    expectEqual(`${WORK} after dead-lettering`, await depth(channel, WORK), 0);
  } finally {
    await connection.close();
  }
}

/** Polls until bench.dlq is empty and bench.work holds `count`; throws on a timeout. */
async function waitForMove(channel: Channel, count: number): Promise<void> {
  const deadline = Date.now() + MOVE_TIMEOUT_MS;
  for (;;) {
    const [source, target] = [await depth(channel, DLQ), await depth(channel, WORK)];
    if (source === 0 && target >= count) return;
    if (Date.now() > deadline) throw new MismatchError(`after ${MOVE_TIMEOUT_MS / 1000} s ${DLQ} holds ${source} and ${WORK} ${target} (expected 0 and ${count})`);
    await sleep(20);
  }
}

/** After a move: exactly `count` arrived (checked again a moment later: nothing more trickles in), none left. */
async function checkMoved(channel: Channel, count: number, what: string): Promise<void> {
  await sleep(500);
  expectEqual(`${what}: ${WORK} depth`, await depth(channel, WORK), count);
  expectEqual(`${what}: ${DLQ} depth`, await depth(channel, DLQ), 0);
}

async function shovelRun(channel: Channel, count: number): Promise<number> {
  expectEqual(`before the shovel: ${DLQ}, ${WORK} depths`, [await depth(channel, DLQ), await depth(channel, WORK)], [count, 0]);
  const value = {
    "src-protocol": "amqp091", "src-uri": "amqp://", "src-queue": DLQ,
    "dest-protocol": "amqp091", "dest-uri": "amqp://", "dest-queue": WORK,
    "ack-mode": "on-confirm", "src-delete-after": "queue-length",
  };
  const started = performance.now();
  await management("PUT", `/api/parameters/shovel/%2F/${SHOVEL_NAME}`, { value });
  await waitForMove(channel, count);
  // Ready 0 is not done: the shovel acknowledges each message only after its confirm, and deleting it early puts the
  // unacknowledged ones back (duplicates). With src-delete-after it removes its own parameter once it moved them all.
  const doneBy = Date.now() + MOVE_TIMEOUT_MS;
  while ((await fetch(`${MANAGEMENT_URL}/api/parameters/shovel/%2F/${SHOVEL_NAME}`, { headers: { authorization: AUTHORIZATION } })).status !== 404) {
    if (Date.now() > doneBy) throw new MismatchError(`the shovel had not finished (deleted itself) after ${MOVE_TIMEOUT_MS / 1000} s`);
    await sleep(20);
  }
  const ms = performance.now() - started;
  // A shovel still consuming bench.dlq would steal the next run's messages: wait until it is gone.
  const deadline = Date.now() + 15_000;
  while (((await (await management("GET", "/api/shovels/%2F")).json()) as unknown[]).length > 0) {
    if (Date.now() > deadline) throw new Error("the shovel is still listed 15 s after its parameter was deleted");
    await sleep(200);
  }
  await checkMoved(channel, count, "shovel");
  return ms;
}

// --- Kafka ---------------------------------------------------------------------------------------------

async function endOffset(admin: Admin, topic: string): Promise<number> {
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
}

/** The broker keeps its data between runs: topics of an earlier run go first, then both are created afresh. */
async function createTopics(admin: Admin): Promise<void> {
  const leftovers = (await admin.listTopics()).filter((t) => !t.startsWith("_"));
  if (leftovers.length > 0) {
    await admin.deleteTopics({ topics: leftovers });
    const deadline = Date.now() + 30_000;
    while ((await admin.listTopics()).some((t) => leftovers.includes(t))) {
      if (Date.now() > deadline) throw new Error(`topics ${leftovers.join(", ")} still listed 30 s after their deletion`);
      await sleep(250);
    }
  }
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: DLT, numPartitions: 1 }, { topic: ORDERS, numPartitions: 1 }] });
      return;
    } catch (error) {
      // Just-deleted topics can linger in the controller for a moment.
      if (attempt >= 20) throw error;
      await sleep(500);
    }
  }
}

/** N keyed 1 KB records with Spring's header naming the original topic (one line each: the console pipe reads lines). */
async function fillDeadLetterTopic(kafka: Kafka, count: number): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let start = 0; start < count; start += 500) {
      const end = Math.min(count, start + 500);
      await producer.send({
        topic: DLT, acks: -1,
        messages: Array.from({ length: end - start }, (_, j) => ({
          key: `order-${start + j}`, value: payloadOf(start + j),
          headers: { "kafka_dlt-original-topic": ORDERS, "kafka_dlt-exception-fqcn": "java.lang.IllegalStateException" },
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Polls the target's end offset until it has grown by `count`; throws on a timeout. */
async function waitForOffset(admin: Admin, target: number, exited: () => number | null | undefined): Promise<void> {
  const deadline = Date.now() + MOVE_TIMEOUT_MS;
  for (;;) {
    const now = await endOffset(admin, ORDERS);
    if (now >= target) return;
    const code = exited();
    // The pipe exited and a last poll after it still falls short: it will not get there.
    if (code !== undefined && (await endOffset(admin, ORDERS)) < target) throw new MismatchError(`the console pipe exited (${code}) with ${ORDERS} at offset ${now}, short of ${target}`);
    if (Date.now() > deadline) throw new MismatchError(`after ${MOVE_TIMEOUT_MS / 1000} s ${ORDERS} is at offset ${now}, short of ${target}`);
    await sleep(50);
  }
}

/** `kafka-console-consumer | kafka-console-producer`, fresh JVMs (the producer through scripts/kafka.sh). */
async function consolePipeRun(admin: Admin, classpath: string, count: number): Promise<number> {
  const before = await endOffset(admin, ORDERS);
  // scripts/kafka.sh has no console-consumer subcommand: the consumer runs with the JVM options its run_tool uses.
  const script = [
    "set -o pipefail",
    `java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$QW_LOG" -cp "$QW_CP" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$QW_BROKER" --topic "$QW_DLT" --from-beginning --max-messages "$QW_COUNT"`
      + ` | bash "$QW_KAFKA_SH" console-producer --topic "$QW_ORDERS" --producer-property acks=all --producer-property enable.idempotence=true`,
  ].join("\n");
  const env = { ...process.env, ...KAFKA_ENV, QW_LOG: TOOLS_LOG_CONFIG, QW_CP: classpath, QW_BROKER: BROKER, QW_DLT: DLT, QW_ORDERS: ORDERS, QW_COUNT: String(count), QW_KAFKA_SH: KAFKA_SH };
  const started = performance.now();
  const child = spawn("bash", ["-c", script], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  let exitCode: number | null | undefined;
  const closed = new Promise<void>((resolve) => child.on("close", (code) => {
    exitCode = code;
    resolve();
  }));
  try {
    await waitForOffset(admin, before + count, () => exitCode);
  } catch (error) {
    child.kill("SIGTERM");
    throw error instanceof MismatchError ? new MismatchError(`${error.message}; stderr:\n${stderr}`) : error;
  }
  const ms = performance.now() - started;
  await closed;
  if (exitCode !== 0) throw new Error(`the console pipe exited with ${exitCode}:\n${stderr}`);
  const processed = /Processed a total of (\d+) messages/.exec(stderr)?.[1];
  expectEqual("console consumer: messages processed", Number(processed), count);
  expectEqual(`console pipe: ${ORDERS} end offset`, await endOffset(admin, ORDERS), before + count);
  return ms;
}

/** One console-producer JVM that sends nothing (empty stdin): start-up, connect, close. */
async function jvmNoopRun(admin: Admin): Promise<number> {
  const before = await endOffset(admin, ORDERS);
  const { ms } = await timed(async () => {
    const result = spawnSync("bash", [KAFKA_SH, "console-producer", "--topic", ORDERS], { env: { ...process.env, ...KAFKA_ENV }, input: "", encoding: "utf8" });
    if (result.status !== 0) throw new Error(`a no-op console-producer failed:\n${result.stderr}`);
  });
  expectEqual(`no-op console-producer: ${ORDERS} end offset`, await endOffset(admin, ORDERS), before);
  return ms;
}

// --- Queuewatch ------------------------------------------------------------------------------------------

interface Queuewatch {
  /** the collector's own client (createPrismaClient): polls, dead-letter passes, jobs and the replay runner */
  db: Db;
  config: QueuewatchConfig;
  rabbitPoller: RabbitmqPoller;
  kafkaPoller: KafkaPoller;
  store: StoreWriter;
}

async function pollOk(q: Queuewatch, clusterId: string, poller: RabbitmqPoller | KafkaPoller): Promise<void> {
  const report = await pollCluster(clusterId, poller, storeSink(q.db, q.store));
  if (report.error !== null) throw new Error(`polling ${clusterId} failed: ${report.error}`);
}

function clusterOf<K extends "kafka" | "rabbitmq">(config: QueuewatchConfig, id: string, kind: K): Extract<QueuewatchConfig["clusters"][number], { kind: K }> {
  const cluster = config.clusters.find((c) => c.id === id);
  if (!cluster || cluster.kind !== kind) throw new Error(`no ${kind} cluster ${id} in the config`);
  return cluster as Extract<QueuewatchConfig["clusters"][number], { kind: K }>;
}

/** A replay job row as createReplay (lib/dlq/replay/replay-actions.ts) writes it: every waiting message, to its original destination. */
async function createJob(db: Db, clusterId: string, sourceKey: string): Promise<string> {
  const now = new Date();
  const id = randomUUID();
  await db.replayJob.create({ data: { id, clusterId, sourceKey, action: "replay", selection: { filter: {}, again: false }, dryRun: false, ratePerSecond: null, status: "pending", createdBy: "bench", createdAt: now, updatedAt: now } });
  return id;
}

/** Runs the one pending job through the runner, timed, and checks its row. */
async function runJob(q: Queuewatch, jobId: string, count: number, target: string): Promise<number> {
  const runner = new ReplayRunner(q.db, q.config, { logger: silentLogger, owner: "bench", batchSize: BATCH_SIZE });
  const { ms, value: ran } = await timed(() => runner.tick());
  if (!ran) throw new MismatchError("the runner found no job to run");
  const job = await q.db.replayJob.findUniqueOrThrow({ where: { id: jobId } });
  expectEqual(`job ${jobId}`, { status: job.status, total: job.total, sent: job.sent, skipped: job.skipped, parked: job.parked, failed: job.failed, byTarget: job.byTarget, errors: job.errors },
    { status: "done", total: count, sent: count, skipped: 0, parked: 0, failed: 0, byTarget: { [target]: count }, errors: [] });
  return ms;
}

async function queuewatchLiveRun(q: Queuewatch, channel: Channel, count: number): Promise<number> {
  // Two polls a second apart: the second reads the queue arguments that make bench.dlq a dead-letter queue.
  await pollOk(q, RABBIT_CLUSTER, q.rabbitPoller);
  await sleep(1100);
  await pollOk(q, RABBIT_CLUSTER, q.rabbitPoller);
  const cluster = clusterOf(q.config, RABBIT_CLUSTER, "rabbitmq");
  const source = (await listDeadLetters(q.db, cluster)).find((s) => s.key === `queue:%2F/${DLQ}`);
  expectEqual(`Queuewatch's view of ${DLQ}`, { type: source?.type, browse: source?.browse }, { type: "classic", browse: "peek" });
  expectEqual(`Queuewatch's view of ${WORK}`, (await readSubjects(q.db, cluster)).queues.find((queue) => queue.name === WORK)?.type, "classic");
  expectEqual(`before the live move: ${DLQ}, ${WORK} depths`, [await depth(channel, DLQ), await depth(channel, WORK)], [count, 0]);
  const jobId = await createJob(q.db, RABBIT_CLUSTER, `queue:%2F/${DLQ}`);
  const ms = await runJob(q, jobId, count, `queue ${WORK}`);
  await checkMoved(channel, count, "Queuewatch live move");
  return ms;
}

/** Forgets what an earlier round indexed or replayed, so each round indexes and replays the same N from scratch. */
async function resetKafkaState(db: Db): Promise<void> {
  await db.replayLedger.deleteMany({ where: { clusterId: KAFKA_CLUSTER } });
  await db.replayJob.deleteMany({ where: { clusterId: KAFKA_CLUSTER } });
  await db.deadLetter.deleteMany({ where: { clusterId: KAFKA_CLUSTER } });
  await db.deadLetterCursor.deleteMany({ where: { clusterId: KAFKA_CLUSTER } });
}

interface PassAttempt {
  ms: number;
  stored: number;
  error: string | null;
}

/**
 * Poll + dead-letter pass exactly as the collector runs them (its own Prisma client), from an empty index, twice
 * (a failed pass is retried at the next poll): whether each worked, how long it took, its error. The index is
 * reset afterwards.
 */
async function productionPassCheck(q: Queuewatch): Promise<PassAttempt[]> {
  await resetKafkaState(q.db);
  const attempts: PassAttempt[] = [];
  for (let i = 0; i < 2; i += 1) {
    let error: string | null = null;
    let stored = 0;
    const { ms } = await timed(async () => {
      await pollOk(q, KAFKA_CLUSTER, q.kafkaPoller);
      try {
        stored = (await q.kafkaPoller.collectDeadLetters(q.db, new Date())).stored;
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        error = /Transaction API error[^\n]*/.exec(text)?.[0] ?? text.trim().split("\n").at(-1) ?? text;
      }
    });
    attempts.push({ ms, stored, error });
  }
  await resetKafkaState(q.db);
  return attempts;
}

/** Polls and dead-letter passes, as the collector runs them, until all N records are held (the indexer reads 5,000 a pass). */
async function indexRun(q: Queuewatch, count: number): Promise<{ ms: number; passes: number }> {
  expectEqual(`before indexing: held copies`, await q.db.deadLetter.count({ where: { clusterId: KAFKA_CLUSTER } }), 0);
  let passes = 0;
  const { ms } = await timed(async () => {
    for (;;) {
      passes += 1;
      await pollOk(q, KAFKA_CLUSTER, q.kafkaPoller);
      const pass = await q.kafkaPoller.collectDeadLetters(q.db, new Date());
      if (pass.sources !== 1) throw new MismatchError(`the dead-letter pass saw ${pass.sources} dead-letter topics, expected 1 (${DLT})`);
      if (pass.behind === 0) return;
      if (passes >= 20) throw new MismatchError(`still ${pass.behind} records behind after 20 passes`);
    }
  });
  expectEqual("held copies of the DLT", await q.db.deadLetter.count({ where: { clusterId: KAFKA_CLUSTER, sourceKey: `topic:${DLT}`, state: "dead" } }), count);
  return { ms, passes };
}

async function queuewatchKafkaRun(q: Queuewatch, admin: Admin, count: number): Promise<number> {
  const before = await endOffset(admin, ORDERS);
  const jobId = await createJob(q.db, KAFKA_CLUSTER, `topic:${DLT}`);
  const ms = await runJob(q, jobId, count, `topic ${ORDERS}`);
  expectEqual(`Queuewatch replay: ${ORDERS} end offset`, await endOffset(admin, ORDERS), before + count);
  expectEqual("held copies marked replayed", await q.db.deadLetter.count({ where: { clusterId: KAFKA_CLUSTER, state: "replayed" } }), count);
  return ms;
}

// --- the table -----------------------------------------------------------------------------------------------

function printTable(rows: readonly Row[]): void {
  const header = ["#", "approach", "runs", "median", "messages/s", "per-message guarantee"];
  const lines = rows.map((row, i) => {
    const ms = median(row.ms);
    return [String(i + 1), row.label, String(row.ms.length), row.ms.length > 0 ? seconds(ms) : "-", row.messages === null || row.ms.length === 0 ? "-" : rate(row.messages, ms), row.guarantee];
  });
  const widths = header.slice(0, -1).map((h, c) => Math.max(h.length, ...lines.map((l) => (l[c] ?? "").length)));
  const format = (cells: readonly string[]): string => cells.map((cell, c) => (c < widths.length ? (c >= 2 && c <= 4 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)) : cell)).join("  ");
  out(format(header));
  out(widths.map((w) => "-".repeat(w)).concat("-".repeat(21)).join("  "));
  for (const line of lines) out(format(line));
}

// --- main ----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wallStart = performance.now();
  const budgetMs = options.minutes * 60_000;
  const n = options.messages;
  out(`bench:dlq — replay of ${int(n)} × ${int(MESSAGE_BYTES)} B dead letters, Queuewatch vs the brokers' own tools, up to ${options.runs} rounds within ${options.minutes} min; ${os.cpus().length} CPUs, load average ${loadAverage()}`);

  // Ctrl-C or a kill must not leave the brokers running: stop them synchronously, then exit.
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`bench-dlq: ${signal}: stopping the benchmark's brokers\n`);
    stopBrokers().forEach((problem) => process.stderr.write(`bench-dlq: ${problem}\n`));
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const rows: Row[] = [
    { id: "shovel", label: "RabbitMQ shovel \"Move messages\" (on-confirm), classic → classic", messages: n, guarantee: GUARANTEE.shovel, ms: [] },
    { id: "queuewatchLive", label: `Queuewatch live move (tx per ${BATCH_SIZE}), classic → classic`, messages: n, guarantee: GUARANTEE.queuewatchLive, ms: [] },
    { id: "consolePipe", label: "kafka-console-consumer | kafka-console-producer (JVM start-up included)", messages: n, guarantee: GUARANTEE.consolePipe, ms: [] },
    { id: "jvmNoop", label: "  for scale: one no-op kafka-console-producer (JVM start, connect, close)", messages: null, guarantee: "-", ms: [] },
    { id: "queuewatchIndex", label: "Queuewatch indexing the DLT into Postgres (polls + passes)", messages: n, guarantee: GUARANTEE.queuewatchIndex, ms: [] },
    { id: "queuewatchKafka", label: "Queuewatch Kafka replay of the indexed copies", messages: n, guarantee: GUARANTEE.queuewatchKafka, ms: [] },
  ];
  const row = (id: RowId): Row => rows.find((r) => r.id === id) as Row;

  let amqp: ChannelModel | null = null;
  let admin: Admin | null = null;
  let q: Queuewatch | null = null;
  let failure: unknown = null;
  let productionFailed = false;
  try {
    const rabbitStart = await timed(async () => rabbitSh("start"));
    out(`[setup] ${rabbitStart.value.split("\n").at(-1) ?? ""}`);
    const plugins = await timed(async () => enableShovelPlugins());
    out(`[setup] ${SHOVEL_PLUGINS.join(", ")} enabled on ${RABBIT_NODE} only (its own enabled_plugins file; /etc/rabbitmq/enabled_plugins unchanged): ${seconds(plugins.ms)}`);
    const kafkaStart = await timed(async () => kafkaSh("start"));
    out(`[setup] ${kafkaStart.value.split("\n").at(-1) ?? ""}`);
    const classpath = kafkaSh("classpath");

    const databaseUrl = await recreateBenchDatabase(DB_NAME);
    out(`[setup] database ${DB_NAME} on ${BENCH_SERVER} recreated and migrated`);
    const config = configSchema.parse({
      clusters: [
        { id: RABBIT_CLUSTER, kind: "rabbitmq", managementUrl: MANAGEMENT_URL, amqpUrl: "amqp://127.0.0.1:5892", prometheusUrl: false, username: "guest", password: "guest", managementIntervalSeconds: 1 },
        { id: KAFKA_CLUSTER, kind: "kafka", brokers: [BROKER] },
      ],
    });
    const db = createPrismaClient(databaseUrl);
    await syncClusters(db, config.clusters);
    const rabbitCluster: RabbitmqClusterConfig = clusterOf(config, RABBIT_CLUSTER, "rabbitmq");
    const kafkaCluster: KafkaClusterConfig = clusterOf(config, KAFKA_CLUSTER, "kafka");
    q = {
      db, config, store: new StoreWriter(),
      rabbitPoller: new RabbitmqPoller(new RabbitmqAdapter(rabbitCluster), queueTrackerFor(rabbitCluster)),
      kafkaPoller: new KafkaPoller(KAFKA_CLUSTER, new KafkaAdapter(kafkaCluster), new LagTracker(), new KafkaDeadLetterIndexer(kafkaCluster)),
    };

    amqp = await connect(AMQP_URL);
    await declareQueues(amqp);
    const channel = await amqp.createChannel();
    const kafka = new Kafka({ clientId: "bench-dlq", brokers: [BROKER], logLevel: logLevel.NOTHING, retry: { retries: 10 } });
    admin = kafka.admin();
    await admin.connect();
    await createTopics(admin);
    const filled = await timed(() => fillDeadLetterTopic(kafka, n));
    expectEqual(`${DLT} end offset`, await endOffset(admin, DLT), n);
    out(`[setup] ${DLT} (1 partition) filled with ${int(n)} keyed records carrying kafka_dlt-original-topic=${ORDERS}: ${seconds(filled.ms)}`);

    const production = await productionPassCheck(q);
    const productionErrors = production.flatMap((attempt) => (attempt.error === null ? [] : [attempt.error]));
    production.forEach((attempt, i) => out(`[check] production path, pass ${i + 1}: poll + dead-letter pass of ${DLT} with the collector's own Prisma client: ${attempt.error === null ? `stored ${int(attempt.stored)} records in ${seconds(attempt.ms)}` : `FAILED after ${seconds(attempt.ms)}: ${attempt.error}`}`));

    const roundMs: number[] = [];
    for (let round = 1; round <= options.runs; round += 1) {
      const elapsed = performance.now() - wallStart;
      const expected = roundMs.length > 0 ? Math.max(...roundMs) : 0;
      if (round > 1 && elapsed + expected > budgetMs - TEARDOWN_RESERVE_MS) {
        out(`[round ${round}] not started: ${seconds(elapsed)} elapsed + a round of up to ${seconds(expected)} would overrun the ${options.minutes} min budget`);
        break;
      }
      const roundStart = performance.now();
      out(`[round ${round}] load average ${loadAverage()}`);

      const dl1 = await timed(() => deadLetter(n));
      const shovel = await shovelRun(channel, n);
      row("shovel").ms.push(shovel);
      out(`    RabbitMQ shovel            ${seconds(shovel)}  ${rate(n, shovel)} msg/s  (dead-lettering ${int(n)} beforehand: ${seconds(dl1.ms)}, untimed)`);
      await channel.purgeQueue(WORK);

      await q.db.replayLedger.deleteMany({ where: { clusterId: RABBIT_CLUSTER } });
      await q.db.replayJob.deleteMany({ where: { clusterId: RABBIT_CLUSTER } });
      const dl2 = await timed(() => deadLetter(n));
      const live = await queuewatchLiveRun(q, channel, n);
      row("queuewatchLive").ms.push(live);
      out(`    Queuewatch live move       ${seconds(live)}  ${rate(n, live)} msg/s  (dead-lettering beforehand: ${seconds(dl2.ms)}, untimed)`);
      await channel.purgeQueue(WORK);

      const pipe = await consolePipeRun(admin, classpath, n);
      row("consolePipe").ms.push(pipe);
      out(`    console consumer | producer ${seconds(pipe)}  ${rate(n, pipe)} msg/s`);
      const noop = await jvmNoopRun(admin);
      row("jvmNoop").ms.push(noop);
      out(`    no-op console-producer     ${seconds(noop)}`);

      await resetKafkaState(q.db);
      const indexed = await indexRun(q, n);
      row("queuewatchIndex").ms.push(indexed.ms);
      out(`    Queuewatch indexing        ${seconds(indexed.ms)}  ${rate(n, indexed.ms)} msg/s  (${indexed.passes} × poll + dead-letter pass)`);
      const replayed = await queuewatchKafkaRun(q, admin, n);
      row("queuewatchKafka").ms.push(replayed);
      out(`    Queuewatch Kafka replay    ${seconds(replayed)}  ${rate(n, replayed)} msg/s`);
      roundMs.push(performance.now() - roundStart);
    }

    // A cross-check of the end offsets with Kafka's own tool.
    const rounds = roundMs.length;
    const offsets = kafkaSh("get-offsets", "--topic", ORDERS);
    expectEqual(`kafka.sh get-offsets --topic ${ORDERS}`, offsets, `${ORDERS}:0:${2 * rounds * n}`);
    out(`[check] kafka.sh get-offsets --topic ${ORDERS}: ${offsets} (= ${rounds} rounds × 2 sides × ${int(n)})`);

    out("");
    out(`summary: medians of ${rounds} round${rounds === 1 ? "" : "s"}, ${int(n)} × ${int(MESSAGE_BYTES)} B messages per run, every count checked`);
    printTable(rows);
    const m = (id: RowId): number => median(row(id).ms);
    out("");
    out(`- RabbitMQ: Queuewatch ${rate(n, m("queuewatchLive"))} msg/s vs shovel ${rate(n, m("shovel"))} msg/s = ${(m("shovel") / m("queuewatchLive")).toFixed(2)}× the shovel's throughput`);
    out(`- Kafka: Queuewatch replay ${rate(n, m("queuewatchKafka"))} msg/s vs console pipe ${rate(n, m("consolePipe"))} msg/s = ${(m("consolePipe") / m("queuewatchKafka")).toFixed(2)}×; with indexing counted too (${seconds(m("queuewatchIndex") + m("queuewatchKafka"))}) ${(m("consolePipe") / (m("queuewatchIndex") + m("queuewatchKafka"))).toFixed(2)}×; console pipe less one JVM start-up (${seconds(m("consolePipe") - m("jvmNoop"))}) ${rate(n, m("consolePipe") - m("jvmNoop"))} msg/s`);
    if (n !== ISSUE_SIZE.messages) out(`- WARNING: reduced size (messages=${n}): not the issue's benchmark.`);
    if (productionErrors.length > 0) {
      out(`- PROBLEM: ${productionErrors.length} of ${production.length} of the collector's own dead-letter passes failed (${productionErrors[0]}): the indexer stores records in interactive transactions of 500 (lib/dlq/store/write-dead-letters.ts storeReadRange, 60 s timeout each), and a failed transaction is retried at the next poll from the last committed position.`);
      productionFailed = true;
    }
  } catch (error) {
    failure = error;
  } finally {
    // The broker's data outlives it (scripts/kafka.sh keeps it): the ~70 MB of topics go now, not at the next run.
    await admin?.deleteTopics({ topics: [DLT, ORDERS] }).catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await amqp?.close().catch(() => undefined);
    if (q) {
      await q.rabbitPoller.close().catch(() => undefined);
      await q.kafkaPoller.close().catch(() => undefined);
      await q.db.$disconnect();
    }
    const problems = stopBrokers();
    if (options.keep) out(`[teardown] kept database ${DB_NAME} (--keep)`);
    else {
      await dropBenchDatabase(DB_NAME).then(() => out(`[teardown] dropped database ${DB_NAME}`), (error: unknown) => problems.push(`dropping ${DB_NAME}: ${String(error)}`));
    }
    problems.forEach((problem) => process.stderr.write(`bench-dlq: teardown: ${problem}\n`));
    out(`total wall time ${seconds(performance.now() - wallStart)}; load average now ${loadAverage()}`);
  }
  if (failure !== null) throw failure;
  if (productionFailed) {
    process.stderr.write("bench-dlq: FAILED: the collector's own dead-letter pass failed (PROBLEM above); the figures are complete and checked\n");
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  const prefix = error instanceof MismatchError ? "MISMATCH: " : "";
  process.stderr.write(`bench-dlq: ${prefix}${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
