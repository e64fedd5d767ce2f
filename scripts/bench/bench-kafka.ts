// npm run bench:kafka — the collector at scale on a real broker: 10,000 partitions (100 topics ×
// 100) and 1,000 consumer groups with committed offsets. Prints the collector's full poll cycle
// against Kafka's own `kafka-consumer-groups --describe --all-groups` on the same broker (medians
// of several runs), the Kafka protocol requests one cycle sends, and the collector's peak RSS.
//
// It starts a broker of its own (scripts/kafka.sh with KAFKA_INSTANCE=bench on port 9192, data in
// .queuewatch/kafka/instances/bench) so the test broker never carries the benchmark's partitions,
// seeds it with scripts/bench/KafkaBenchSeed.java (idempotent: a rerun reuses the data), uses the
// database queuewatch_bench_kafka (recreated), and stops the broker and drops the database at the
// end unless --keep is given. Flags (defaults are the issue's size):
//   --keep              leave the broker running and the database in place
//   --runs=N            timed runs of each side (5); the collector also does one warm-up cycle first
//   --topics=N --partitions=N --groups=N --messages=N   (100, 100, 1000, 20 per partition)
//   --port=N            the benchmark broker's port (9192; the controller takes port+1)
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { CycleReport, CycleRunReport } from "./kafka-cycle";
import { BENCH_SERVER, dropBenchDatabase, int, median, out, parseBenchFlags, recreateBenchDatabase, seconds } from "./bench-support";

const ROOT = path.resolve(__dirname, "../..");
const DB_NAME = "queuewatch_bench_kafka";
const INSTANCE = "bench";
/** The JVM options Kafka's own bin/kafka-run-class.sh gives its CLI tools by default. */
const KAFKA_RUN_CLASS_JVM = [
  "-Xmx256M", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
  "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true",
];
const TOOLS_LOG_CONFIG = `-Dlog4j2.configurationFile=${path.join(ROOT, "scripts/kafka/log4j2-tools.properties")}`;

interface Options {
  keep: boolean;
  runs: number;
  topics: number;
  partitions: number;
  groups: number;
  messages: number;
  port: number;
}

interface SeedReport {
  topicsCreated: number;
  messagesProduced: number;
  groups: number;
  committedPartitions: number;
  createSeconds: number;
  produceSeconds: number;
  commitSeconds: number;
}

interface CliRun {
  ms: number;
  peakRssMiB: number;
  rows: number;
}

const ISSUE_SIZE: Omit<Options, "keep"> = { runs: 5, topics: 100, partitions: 100, groups: 1000, messages: 20, port: 9192 };

function parseOptions(argv: readonly string[]): Options {
  return parseBenchFlags(argv, ISSUE_SIZE, "scripts/bench/bench-kafka.ts");
}


function kafkaSh(options: Options, ...args: string[]): string {
  const env = { ...process.env, KAFKA_INSTANCE: INSTANCE, KAFKA_PORT: String(options.port), KAFKA_HEAP: "-Xmx1g -Xms1g" };
  const result = spawnSync("bash", [path.join(ROOT, "scripts/kafka.sh"), ...args], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`scripts/kafka.sh ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

function seed(options: Options, classpath: string): SeedReport {
  const result = spawnSync("java", [
    "-Xmx512m", TOOLS_LOG_CONFIG, "-cp", classpath, path.join(ROOT, "scripts/bench/KafkaBenchSeed.java"),
    `127.0.0.1:${options.port}`, String(options.topics), String(options.partitions), String(options.groups), String(options.messages),
  ], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !line.startsWith("{")) throw new Error(`seeding failed:\n${result.stderr.slice(-4000)}`);
  return JSON.parse(line) as SeedReport;
}

/** One run of Kafka's ConsumerGroupCommand, timed from process start to exit, its peak RSS from GNU time. */
async function cliRun(options: Options, classpath: string): Promise<CliRun> {
  const started = performance.now();
  const child = spawn("/usr/bin/time", [
    "-f", "QW_PEAK_RSS_KB=%M", "java", ...KAFKA_RUN_CLASS_JVM, TOOLS_LOG_CONFIG, "-cp", classpath,
    "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server", `127.0.0.1:${options.port}`, "--describe", "--all-groups",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let rows = 0;
  let pending = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("qwbench-g")) rows += 1;
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const ms = performance.now() - started;
  const rss = /QW_PEAK_RSS_KB=(\d+)/.exec(stderr);
  if (code !== 0 || !rss) throw new Error(`kafka-consumer-groups failed (exit ${code}):\n${stderr}`);
  return { ms, peakRssMiB: Number(rss[1]) / 1024, rows };
}

function collectorRuns(options: Options, databaseUrl: string): CycleRunReport {
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [
    "--conditions=react-server", path.join(ROOT, "scripts/bench/kafka-cycle.ts"), `127.0.0.1:${options.port}`, databaseUrl, String(options.runs + 1),
  ], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, cwd: ROOT });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  if (result.status !== 0 || !line.startsWith("{")) throw new Error(`the collector cycles failed:\n${result.stderr.slice(-4000)}`);
  return JSON.parse(line) as CycleRunReport;
}

function describeCycle(cycle: CycleReport): string {
  return `cycle ${seconds(cycle.cycleMs)} (collect ${seconds(cycle.collectMs)}, store ${seconds(cycle.cycleMs - cycle.collectMs)}), ${int(cycle.requests)} requests, ${int(cycle.groups)} groups, ${int(cycle.partitions)} group partitions, RSS after it ${cycle.rssMiB.toFixed(0)} MiB${cycle.error ? `, ERROR ${cycle.error}` : ""}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wallStart = performance.now();
  const reduced = (Object.keys(ISSUE_SIZE) as (keyof typeof ISSUE_SIZE)[]).filter((k) => k !== "runs" && k !== "port" && options[k] !== ISSUE_SIZE[k]);
  out(`bench:kafka — ${int(options.topics)} topics × ${int(options.partitions)} partitions, ${int(options.groups)} groups, ${options.runs} timed runs per side`);
  out(`[setup] ${kafkaSh(options, "start")}`);
  const classpath = kafkaSh(options, "classpath");
  let failed = false;
  try {
    const seeded = seed(options, classpath);
    out(`[setup] seeded: ${seeded.topicsCreated} topics created, ${int(seeded.messagesProduced)} messages produced, ${int(seeded.committedPartitions)} offsets committed for ${int(seeded.groups)} groups (create ${seeded.createSeconds} s, produce ${seeded.produceSeconds} s, commit ${seeded.commitSeconds} s)`);
    const databaseUrl = await recreateBenchDatabase(DB_NAME);
    out(`[setup] database ${DB_NAME} on ${BENCH_SERVER} recreated and migrated`);

    out("[1] the collector: pollCluster (KafkaAdapter → LagTracker → StoreWriter → Postgres) in one long-running process");
    const collector = collectorRuns(options, databaseUrl);
    collector.cycles.forEach((cycle, i) => out(`    ${i === 0 ? "warm-up" : `run ${i}`.padEnd(7)} ${describeCycle(cycle)}`));
    const timedCycles = collector.cycles.slice(1);
    for (const cycle of collector.cycles) {
      if (cycle.error || cycle.groups < options.groups || cycle.partitions < seeded.committedPartitions) {
        failed = true;
        out(`    MISMATCH: expected ≥ ${options.groups} groups and ≥ ${seeded.committedPartitions} partitions without error`);
      }
    }

    out("[2] Kafka's kafka-consumer-groups --describe --all-groups (ConsumerGroupCommand, kafka-run-class.sh JVM options), a fresh JVM per run as an operator runs it");
    const cli: CliRun[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      const run = await cliRun(options, classpath);
      cli.push(run);
      out(`    run ${i + 1}   ${seconds(run.ms)}, ${int(run.rows)} group-partition rows, peak RSS ${run.peakRssMiB.toFixed(0)} MiB`);
      if (run.rows < seeded.committedPartitions) {
        failed = true;
        out(`    MISMATCH: expected ≥ ${int(seeded.committedPartitions)} rows`);
      }
    }

    const cycleMedian = median(timedCycles.map((c) => c.cycleMs));
    const collectMedian = median(timedCycles.map((c) => c.collectMs));
    const cliMedian = median(cli.map((r) => r.ms));
    const requests = median(timedCycles.map((c) => c.requests));
    out("");
    out("summary (medians)");
    out(`- collector full poll cycle ${seconds(cycleMedian)} vs kafka-consumer-groups ${seconds(cliMedian)} = ${(cycleMedian / cliMedian).toFixed(3)}× (goal ≤ 0.5×: ${cycleMedian / cliMedian <= 0.5 ? "met" : "MISSED"}); broker round trips alone (collect) ${seconds(collectMedian)} = ${(collectMedian / cliMedian).toFixed(3)}×`);
    out(`- requests per cycle: ${int(requests)} Kafka protocol requests (warm-up cycle, including connecting: ${int(collector.cycles[0]?.requests ?? 0)})`);
    out(`- collector peak RSS ${collector.peakRssMiB.toFixed(0)} MiB (goal ≤ 250 MB = 238 MiB: ${collector.peakRssMiB * 1.048576 <= 250 ? "met" : "MISSED"}); RSS after the timed cycles ${median(timedCycles.map((c) => c.rssMiB)).toFixed(0)} MiB (median); kafka-consumer-groups peak RSS ${median(cli.map((r) => r.peakRssMiB)).toFixed(0)} MiB`);
    if (reduced.length > 0) out(`- WARNING: reduced size (${reduced.map((k) => `${k}=${options[k]}`).join(", ")}): not the issue's benchmark.`);
    out(`total wall time ${seconds(performance.now() - wallStart)}`);
  } finally {
    if (options.keep) out(`kept the broker (KAFKA_INSTANCE=${INSTANCE} KAFKA_PORT=${options.port} bash scripts/kafka.sh stop) and database ${DB_NAME} (--keep)`);
    else {
      out(`[teardown] ${kafkaSh(options, "stop")}`);
      await dropBenchDatabase(DB_NAME);
    }
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-kafka: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
