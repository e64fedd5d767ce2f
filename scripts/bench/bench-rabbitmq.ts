// npm run bench:rabbitmq — the RabbitMQ collector at scale on the local broker: 10,000 transient classic
// queues, every 10th holding 10 messages, 5 of those with a consumer holding 5 unacked messages.
// Prints the collector's full poll cycle against one raw fetch of the Prometheus plugin's
// /metrics/detailed for the same queues and against reading every queue through the management
// API's pages (what most tools do), with the HTTP requests per cycle, the broker's CPU time per
// approach (utime + stime of its beam.smp from /proc) and the collector's peak RSS (medians).
//
// It works in its own vhost `qw-bench` on the broker of scripts/rabbitmq.sh (AMQP 127.0.0.1:5672,
// management :15672, Prometheus :15692, guest/guest; setup is idempotent: a rerun tops the queues
// up), uses the database queuewatch_bench_rabbitmq (recreated), and deletes the vhost (with its
// queues) and drops the database at the end unless --keep is given. Flags (defaults are the issue's size):
//   --keep       leave the vhost, its queues and the database in place
//   --runs=N     timed runs of each approach (5); the collector also does one warm-up cycle first
//   --queues=N   queues to declare (10000)
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { connect, type ChannelModel } from "amqplib";
import { processCpuMs } from "./proc-stats";
import type { RabbitCycleReport, RabbitCycleRunReport } from "./rabbitmq-cycle";
import { BENCH_SERVER, dropBenchDatabase, int, median, out, parseBenchFlags, recreateBenchDatabase, seconds, timed } from "./bench-support";

const ROOT = path.resolve(__dirname, "../..");
const DB_NAME = "queuewatch_bench_rabbitmq";
const VHOST = "qw-bench";
const MANAGEMENT_URL = "http://127.0.0.1:15672";
const PROMETHEUS_URL = "http://127.0.0.1:15692";
const AMQP_URL = `amqp://guest:guest@127.0.0.1:5672/${VHOST}`;
const AUTHORIZATION = `Basic ${Buffer.from("guest:guest").toString("base64")}`;
const RAW_METRICS_PATH = "/metrics/detailed?family=queue_coarse_metrics&family=queue_consumer_count";
const DEPTH_COLUMNS = "vhost,name,messages,messages_ready,messages_unacknowledged,consumers";
/** Every MESSAGE_EVERY-th queue holds MESSAGES messages; the first CONSUMERS of those have a consumer with PREFETCH unacked. */
const MESSAGE_EVERY = 10;
const MESSAGES = 10;
const CONSUMERS = 5;
const PREFETCH = 5;
/** amqplib keeps one RPC in flight per channel: the declarations spread over this many. */
const DECLARE_CHANNELS = 16;
/** The broker's idle CPU use is the median of this many samples of IDLE_SAMPLE_MS (robust to a neighbour's burst). */
const IDLE_SAMPLES = 5;
const IDLE_SAMPLE_MS = 2_000;

interface Options {
  keep: boolean;
  runs: number;
  queues: number;
}

/** What one read of every queue's depth took: HTTP requests and decoded body bytes. */
interface Outcome {
  requests: number;
  bytes: number;
}

/** One timed run of an approach, with the broker's CPU time (ms) consumed meanwhile. */
interface FetchRun extends Outcome {
  ms: number;
  brokerCpuMs: number;
}

const ISSUE_SIZE: Omit<Options, "keep"> = { runs: 5, queues: 10_000 };

function parseOptions(argv: readonly string[]): Options {
  return parseBenchFlags(argv, ISSUE_SIZE, "scripts/bench/bench-rabbitmq.ts");
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const queueName = (i: number): string => `bench-q${String(i).padStart(5, "0")}`;

async function management(method: "GET" | "PUT" | "DELETE", apiPath: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${MANAGEMENT_URL}${apiPath}`, {
    method, headers: { authorization: AUTHORIZATION, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Deleting what is already gone (setup failed before creating it) is not an error.
  if (!response.ok && !(method === "DELETE" && response.status === 404)) throw new Error(`${method} ${apiPath} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** The broker's OS pid as the node reports it (a rabbitmqctl call would start a beam.smp of its own). */
async function brokerPid(): Promise<number> {
  const nodes = (await (await management("GET", "/api/nodes?columns=os_pid")).json()) as { os_pid: string }[];
  const pid = Number(nodes[0]?.os_pid);
  if (nodes.length !== 1 || !Number.isInteger(pid)) throw new Error(`expected one local node with an os_pid, got ${JSON.stringify(nodes)}`);
  return pid;
}

/**
 * Declares the queues (idempotent), tops the message-holding ones up to MESSAGES, and starts the
 * consumers; resolves once they hold their PREFETCH unacked messages. The connection stays open.
 */
async function seed(options: Options): Promise<{ connection: ChannelModel; published: number }> {
  await management("PUT", `/api/vhosts/${VHOST}`);
  await management("PUT", `/api/permissions/${VHOST}/guest`, { configure: ".*", write: ".*", read: ".*" });
  const connection = await connect(AMQP_URL);
  const channels = await Promise.all(Array.from({ length: DECLARE_CHANNELS }, () => connection.createChannel()));
  // Transient: a restart of the shared test broker need not recover them (and a failed run leaves none behind).
  const ready = await Promise.all(Array.from({ length: options.queues }, async (_, i) => {
    const channel = channels[i % channels.length];
    return channel ? (await channel.assertQueue(queueName(i), { durable: false })).messageCount : 0;
  }));
  await Promise.all(channels.map((channel) => channel.close()));

  const publisher = await connection.createConfirmChannel();
  let published = 0;
  for (let i = 0; i < options.queues; i += MESSAGE_EVERY) {
    for (let m = ready[i] ?? 0; m < MESSAGES; m += 1, published += 1) publisher.sendToQueue(queueName(i), Buffer.from(`bench message ${m}`));
  }
  await publisher.waitForConfirms();
  await publisher.close();

  const consumer = await connection.createChannel();
  await consumer.prefetch(PREFETCH);
  const holding = Math.min(CONSUMERS, Math.ceil(options.queues / MESSAGE_EVERY)) * PREFETCH;
  let delivered = 0;
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`consumers got ${delivered} of ${holding} messages within 30 s`)), 30_000);
    const onMessage = (): void => {
      delivered += 1;
      if (delivered === holding) {
        clearTimeout(timeout);
        resolve();
      }
    };
    for (let c = 0; c * MESSAGE_EVERY < options.queues && c < CONSUMERS; c += 1) consumer.consume(queueName(c * MESSAGE_EVERY), onMessage).catch(reject);
  });
  return { connection, published };
}

function collectorRuns(options: Options, databaseUrl: string, pid: number): RabbitCycleRunReport {
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [
    "--conditions=react-server", path.join(ROOT, "scripts/bench/rabbitmq-cycle.ts"), MANAGEMENT_URL, databaseUrl, String(options.runs + 1), String(pid), VHOST,
  ], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, cwd: ROOT });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !line.startsWith("{")) throw new Error(`the collector cycles failed:\n${result.stderr.slice(-4000)}`);
  return JSON.parse(line) as RabbitCycleRunReport;
}

/** GETs a URL and reads the whole body (decoded: Node's fetch asks for gzip, as the collector's does). */
async function fetchBody(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

/** Runs one approach, timed, with the broker's CPU time consumed meanwhile. */
async function measure(pid: number, approach: () => Promise<Outcome>): Promise<FetchRun> {
  const cpuBefore = processCpuMs(pid);
  const { ms, value } = await timed(approach);
  return { ms, ...value, brokerCpuMs: processCpuMs(pid) - cpuBefore };
}

/** The broker's CPU ms per second while this benchmark asks it nothing: its own statistics work (and the neighbours'). */
async function idleBrokerCpuMsPerSecond(pid: number): Promise<number> {
  const rates: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i += 1) {
    const run = await measure(pid, async () => {
      await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
      return { requests: 0, bytes: 0 };
    });
    rates.push(run.brokerCpuMs / (run.ms / 1000));
  }
  return median(rates);
}

const singleFetch = (url: string, headers?: Record<string, string>) => async (): Promise<Outcome> => ({ requests: 1, bytes: Buffer.byteLength(await fetchBody(url, headers)) });

/**
 * How many queues of the vhost the broker's own /metrics/detailed lists (one messages_ready line
 * each). RabbitMQ can lack the metrics row of an idle queue (seen here after re-declaring a
 * just-deleted vhost's queues); the row comes back with traffic.
 */
async function exposedQueues(): Promise<number> {
  const prefix = `rabbitmq_detailed_queue_messages_ready{vhost="${VHOST}",`;
  return (await fetchBody(`${PROMETHEUS_URL}${RAW_METRICS_PATH}`)).split("\n").filter((line) => line.startsWith(prefix)).length;
}

/** Every page of /api/queues with all fields, one after the other, as most monitoring tools read them. */
async function pagedManagement(): Promise<Outcome> {
  let bytes = 0;
  let pageCount = 1;
  for (let page = 1; page <= pageCount; page += 1) {
    const body = await fetchBody(`${MANAGEMENT_URL}/api/queues?page=${page}&page_size=500`, { authorization: AUTHORIZATION });
    bytes += Buffer.byteLength(body);
    pageCount = (JSON.parse(body) as { page_count: number }).page_count;
  }
  return { requests: pageCount, bytes };
}

function describeCycle(cycle: RabbitCycleReport): string {
  return `cycle ${seconds(cycle.cycleMs)} (collect ${seconds(cycle.collectMs)}, store ${seconds(cycle.cycleMs - cycle.collectMs)}), ${cycle.requests} requests, ${int(cycle.queues)} queues seen (${int(cycle.benchQueues)} in ${VHOST}: ${int(cycle.benchMessages)} messages, ${cycle.benchUnacked} unacked) via ${cycle.origin ?? "-"}, broker CPU ${int(cycle.collectBrokerCpuMs)} ms during collect (${int(cycle.brokerCpuMs)} ms during the cycle), RSS after it ${cycle.rssMiB.toFixed(0)} MiB${cycle.error ? `, ERROR ${cycle.error}` : ""}`;
}

/** What is wrong with the collector's cycles: benchmark queues not seen, an error, no Prometheus, wrong totals. */
function cycleProblems(cycles: readonly RabbitCycleReport[], options: Options): string[] {
  const problems: string[] = [];
  const short = cycles.filter((c) => c.benchQueues < options.queues);
  if (short.length > 0) problems.push(`${short.length} of ${cycles.length} cycles saw fewer than ${int(options.queues)} queues in ${VHOST} (as few as ${int(Math.min(...short.map((c) => c.benchQueues)))})`);
  const failed = cycles.filter((c) => c.error !== null);
  if (failed.length > 0) problems.push(`${failed.length} cycles failed: ${failed[0]?.error}`);
  if (cycles.some((c) => !c.origin?.startsWith("prometheus"))) problems.push("cycles read the depth from the management API, not Prometheus");
  const expectedMessages = Math.ceil(options.queues / MESSAGE_EVERY) * MESSAGES;
  const last = cycles.at(-1);
  if (!last || last.benchMessages < expectedMessages || last.benchUnacked < CONSUMERS * PREFETCH) {
    problems.push(`the last cycle should see ≥ ${int(expectedMessages)} messages and ≥ ${CONSUMERS * PREFETCH} unacked in ${VHOST}`);
  }
  return problems;
}

async function runApproach(label: string, options: Options, pid: number, approach: () => Promise<Outcome>): Promise<FetchRun[]> {
  out(label);
  const runs: FetchRun[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const run = await measure(pid, approach);
    runs.push(run);
    out(`    run ${i + 1}   ${seconds(run.ms)}, ${run.requests} requests, ${megabytes(run.bytes)}, broker CPU ${int(run.brokerCpuMs)} ms`);
  }
  return runs;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wallStart = performance.now();
  out(`bench:rabbitmq — ${int(options.queues)} queues in vhost ${VHOST} (every ${MESSAGE_EVERY}th with ${MESSAGES} messages, ${CONSUMERS} consumers with prefetch ${PREFETCH}), ${options.runs} timed runs per approach`);
  const started = spawnSync("bash", [path.join(ROOT, "scripts/rabbitmq.sh"), "start"], { encoding: "utf8" });
  if (started.status !== 0) throw new Error(`scripts/rabbitmq.sh start failed:\n${started.stderr}`);
  out(`[setup] ${started.stdout.trim()}; load average ${loadAverage()}`);
  const pid = await brokerPid();
  let connection: ChannelModel | null = null;
  let failed = false;
  try {
    const seeded = await timed(() => seed(options));
    connection = seeded.value.connection;
    out(`[setup] ${int(options.queues)} queues declared, ${int(seeded.value.published)} messages published, consumers holding their messages: ${seconds(seeded.ms)}`);
    const databaseUrl = await recreateBenchDatabase(DB_NAME);
    out(`[setup] database ${DB_NAME} on ${BENCH_SERVER} recreated and migrated`);
    const idle = await idleBrokerCpuMsPerSecond(pid);
    out(`[setup] broker (pid ${pid}) CPU while idle: ${int(idle)} ms per second (its own statistics work, and any neighbour's; included in every CPU figure below)`);
    const exposed = await exposedQueues();
    out(`[setup] the broker's /metrics/detailed lists ${int(exposed)} of the ${int(options.queues)} queues${exposed < options.queues ? " (RabbitMQ has no metrics row for the others until they see traffic)" : ""}`);

    out("[1] the collector: pollCluster (RabbitmqAdapter → QueueTracker → StoreWriter → Postgres) in one long-running process, management data re-read hourly");
    const collector = collectorRuns(options, databaseUrl, pid);
    collector.cycles.forEach((cycle, i) => out(`    ${i === 0 ? "warm-up" : `run ${i}`.padEnd(7)} ${describeCycle(cycle)}`));
    const problems = cycleProblems(collector.cycles, options);
    problems.forEach((problem) => out(`    MISMATCH: ${problem}`));
    failed = problems.length > 0;

    const raw = await runApproach(`[2] one raw fetch of ${PROMETHEUS_URL}${RAW_METRICS_PATH}`, options, pid, singleFetch(`${PROMETHEUS_URL}${RAW_METRICS_PATH}`));
    const paged = await runApproach("[3] management API, /api/queues?page=N&page_size=500, all fields, every page (what most tools do)", options, pid, pagedManagement);
    const unpaged = await runApproach(`[4] management API, one unpaged /api/queues?columns=${DEPTH_COLUMNS} (for context)`, options, pid, singleFetch(`${MANAGEMENT_URL}/api/queues?columns=${DEPTH_COLUMNS}`, { authorization: AUTHORIZATION }));

    const steady = collector.cycles.slice(1);
    const slow = collector.cycles[0];
    const cycleMedian = median(steady.map((c) => c.cycleMs));
    const collectMedian = median(steady.map((c) => c.collectMs));
    const rawMedian = median(raw.map((r) => r.ms));
    const pagedMedian = median(paged.map((r) => r.ms));
    const cpu = (runs: readonly { brokerCpuMs: number }[]): string => `${int(median(runs.map((r) => r.brokerCpuMs)))} ms`;
    out("");
    out("summary (medians)");
    out(`- collector full poll cycle ${seconds(cycleMedian)} vs one raw /metrics/detailed fetch ${seconds(rawMedian)} = ${(cycleMedian / rawMedian).toFixed(2)}× (goal ≤ 1.3×: ${cycleMedian / rawMedian <= 1.3 ? "met" : "MISSED"}); broker requests alone (collect) ${seconds(collectMedian)} = ${(collectMedian / rawMedian).toFixed(2)}×`);
    out(`- collector full poll cycle vs the paged management API ${seconds(pagedMedian)} = ${(cycleMedian / pagedMedian).toFixed(3)}× (the paged read takes ${(pagedMedian / cycleMedian).toFixed(1)}× as long); unpaged columns= ${seconds(median(unpaged.map((r) => r.ms)))}`);
    out(`- HTTP requests per cycle: ${median(steady.map((c) => c.requests))} steady, ${slow?.requests ?? 0} when the management data is due (warm-up: collect ${seconds(slow?.collectMs ?? NaN)}, full cycle ${seconds(slow?.cycleMs ?? NaN)}); raw fetch 1, paged management ${median(paged.map((r) => r.requests))}`);
    out(`- broker CPU per cycle: collector ${cpu(steady.map((c) => ({ brokerCpuMs: c.collectBrokerCpuMs })))} during its requests (${cpu(steady)} over the whole cycle; slow cycle ${int(slow?.collectBrokerCpuMs ?? NaN)} ms), raw /metrics/detailed ${cpu(raw)}, paged management ${cpu(paged)}, unpaged columns= ${cpu(unpaged)}; the broker idles at ${int(idle)} ms/s`);
    out(`- bytes: raw /metrics/detailed ${megabytes(median(raw.map((r) => r.bytes)))}, paged management ${megabytes(median(paged.map((r) => r.bytes)))}, unpaged columns= ${megabytes(median(unpaged.map((r) => r.bytes)))}`);
    out(`- collector peak RSS ${collector.peakRssMiB.toFixed(0)} MiB; RSS after the timed cycles ${median(steady.map((c) => c.rssMiB)).toFixed(0)} MiB (median)`);
    if (options.queues !== ISSUE_SIZE.queues) out(`- WARNING: reduced size (queues=${options.queues}): not the issue's benchmark.`);
    out(`total wall time ${seconds(performance.now() - wallStart)}; load average now ${loadAverage()} (${os.cpus().length} CPUs, shared with whatever else runs)`);
  } finally {
    await connection?.close();
    if (options.keep) out(`kept vhost ${VHOST} and database ${DB_NAME} (--keep)`);
    else {
      await management("DELETE", `/api/vhosts/${VHOST}`);
      await dropBenchDatabase(DB_NAME);
      out(`[teardown] deleted vhost ${VHOST} with its queues, dropped database ${DB_NAME}`);
    }
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-rabbitmq: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
