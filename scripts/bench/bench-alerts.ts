// npm run bench:alerts — the three alert figures of issue 12:
//  1. threshold crossed → webhook received: a real Kafka group's lag is pushed over a rule's threshold
//     (messages produced, nothing consumed) and back (offsets committed) --crossings times; the collector
//     and the alert engine run in this process exactly as in `npm run collector` (engine tick 1 s), a local
//     HTTP receiver takes the notifications. p50/p95 of produce-acknowledged → firing webhook received.
//     Goal: ≤ one poll interval + 2 s.
//  2. evaluation cost per poll: 1,000 rules over a poll of 10,000 RabbitMQ queues (12 series each, as a real
//     poll writes) and over one of 1,000 Kafka groups (10 partitions each); the engine's full onPoll (pure
//     evaluation + persisting the changed instances) timed cold and in steady state, against the default
//     10 s poll interval. Goal: ≤ 10 % of the poll cycle.
//  3. backtest of one rule over 30 days of 1,000 entities (scripts/bench/bench-alerts-backtest.ts). Goal ≤ 2 s.
// Uses the local Kafka broker (127.0.0.1:9092: `bash scripts/kafka.sh start`) and the database
// queuewatch_bench_alerts (recreated; dropped at the end unless --keep). Flags:
//   --crossings=N (20)  --poll=N (poll interval of the latency part, seconds; 5)  --queues=N (10000)
//   --groups=N (1000)   --rules=N (1000)  --part=1|2|3 (only that part)  --keep
import { Kafka, logLevel } from "kafkajs";
import { AlertEngine } from "@/lib/alerts/alert-engine";
import type { PollReport } from "@/lib/collector/poll-cluster";
import { startCollector } from "@/lib/collector/run-collector";
import { parseConfig } from "@/lib/config/parse-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { Logger } from "@/lib/log/logger";
import type { MetricSample } from "@/lib/store/metric-sample";
import { syncClusters } from "@/lib/store/sync-clusters";
import { startHttpReceiver } from "@/tests/support/http-receiver";
import { benchBacktest } from "./bench-alerts-backtest";
import { dropBenchDatabase, int, median, out, parseBenchFlags, percentile, recreateBenchDatabase, seconds } from "./bench-support";

const DB_NAME = "queuewatch_bench_alerts";
const BROKER = process.env.KAFKA_BROKER ?? "127.0.0.1:9092";
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (m) => process.stderr.write(`${m}\n`) };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function crossingLatency(db: Db, crossings: number, pollSeconds: number): Promise<number[]> {
  const suffix = Date.now().toString(36);
  const topic = `qw-bench-alerts-${suffix}`;
  const group = `qw-bench-alerts-${suffix}`;
  const receiver = await startHttpReceiver();
  const config = parseConfig(
    `pollIntervalSeconds: ${pollSeconds}
clusters: [{id: bench-alerts, kind: kafka, brokers: ["${BROKER}"]}]
alerts:
  contactPoints: [{name: bench, type: webhook, url: "${receiver.url}/hook", groupWait: 0s, groupInterval: 1s}]
  rules: [{name: BenchLag, metric: kafka_group_lag, match: {group: "${group}"}, op: ">", threshold: 50, notify: [bench]}]
`,
    "bench-alerts.yaml",
    {},
  );
  const kafka = new Kafka({ clientId: "qw-bench-alerts", brokers: [BROKER], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "0" }] });
  const engine = new AlertEngine(db, config, { logger: quiet, externalURL: "http://127.0.0.1:3000" });
  await engine.start();
  const collector = await startCollector(db, config, { logger: quiet, onPoll: (report) => engine.onPoll(report), maintenance: false });
  const waitFor = async (status: "firing" | "resolved", from: number): Promise<number> => {
    for (;;) {
      const hit = receiver.requests.slice(from).find((r) => (JSON.parse(r.body) as { status: string }).status === status);
      if (hit) return receiver.requests.indexOf(hit);
      await sleep(20);
    }
  };
  const latencies: number[] = [];
  let end = 0;
  try {
    await sleep(pollSeconds * 1000 + 1000);
    for (let i = 0; i < crossings; i++) {
      const from = receiver.requests.length;
      await producer.send({ topic, messages: Array.from({ length: 100 }, (_, n) => ({ value: `m${n}` })) });
      const producedAt = performance.now();
      end += 100;
      const index = await waitFor("firing", from);
      const receivedAt = performance.now();
      latencies.push(receivedAt - producedAt);
      out(`  crossing ${i + 1}: ${int(receivedAt - producedAt)} ms (request #${index})`);
      await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: String(end) }] });
      await waitFor("resolved", index + 1);
      // Lands each crossing at a different point of the poll cycle.
      await sleep(Math.random() * pollSeconds * 1000);
    }
  } finally {
    await collector.stop();
    await engine.stop();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect(), receiver.close()]);
  }
  return latencies;
}

const QUEUE_METRICS = [
  "rabbitmq_queue_messages", "rabbitmq_queue_messages_ready", "rabbitmq_queue_messages_unacked", "rabbitmq_queue_consumers", "rabbitmq_queue_consumer_capacity",
  "rabbitmq_queue_publish_rate", "rabbitmq_queue_deliver_rate", "rabbitmq_queue_ack_rate", "rabbitmq_queue_redeliver_rate", "rabbitmq_queue_ready_without_consumers",
  "rabbitmq_queue_growth_rate", "rabbitmq_queue_dead_letter_inflow_rate",
];
const RULE_QUEUE_METRICS = ["rabbitmq_queue_messages_ready", "rabbitmq_queue_messages", "rabbitmq_queue_redeliver_rate", "rabbitmq_queue_messages_unacked", "rabbitmq_queue_publish_rate"];

function queuePoll(queues: number, at: number, jitter: number): PollReport {
  const samples: MetricSample[] = [];
  for (let q = 0; q < queues; q++) {
    const labels = { vhost: `vh-${q % 10}`, queue: `svc-${q % 100}-queue-${q}` };
    // About 1 % of queues above the rules' thresholds.
    const depth = q % 100 === 7 ? 5_000 + jitter : (q % 50) + jitter;
    // Consumers everywhere, nothing dead-lettered, nothing growing: what a healthy broker looks like to the default rules.
    const valueOf = (metric: string) => (metric === "rabbitmq_queue_consumers" ? 2 : metric === "rabbitmq_queue_ready_without_consumers" || metric === "rabbitmq_queue_dead_letter_inflow_rate" || metric === "rabbitmq_queue_growth_rate" ? 0 : metric.endsWith("_rate") ? depth / 100 : depth);
    for (const metric of QUEUE_METRICS) samples.push({ metric, labels, value: valueOf(metric) });
  }
  return { clusterId: "bench-rabbit", ok: true, polledAt: at, durationMs: 0, error: null, counts: [], brokerRequests: 1, samples };
}

function groupPoll(groups: number, at: number, jitter: number): PollReport {
  const samples: MetricSample[] = [];
  for (let g = 0; g < groups; g++) {
    const group = `team-${g % 20}-consumer-${g}`;
    const lag = g % 100 === 3 ? 50_000 + jitter : (g % 40) * 10 + jitter;
    for (const metric of ["kafka_group_lag", "kafka_group_max_lag", "kafka_group_lag_seconds", "kafka_group_status", "kafka_group_catch_up_seconds", "kafka_group_consume_rate"]) samples.push({ metric, labels: { group }, value: metric === "kafka_group_status" ? 0 : lag });
    for (let p = 0; p < 10; p++) {
      const labels = { group, topic: `topic-${g % 100}`, partition: String(p) };
      samples.push({ metric: "kafka_partition_lag", labels, value: lag / 10 }, { metric: "kafka_partition_lag_seconds", labels, value: lag / 10 });
    }
  }
  return { clusterId: "bench-kafka", ok: true, polledAt: at, durationMs: 0, error: null, counts: [], brokerRequests: 1, samples };
}

function ruleYaml(rules: number, kind: "rabbit" | "kafka"): string {
  const lines: string[] = [];
  for (let r = 0; r < rules; r++) {
    if (kind === "rabbit") {
      const metric = RULE_QUEUE_METRICS[r % RULE_QUEUE_METRICS.length] ?? "";
      // Half the rules pick one queue exactly, 40 % a service's queues by glob, 10 % a whole vhost.
      const q = (r * 7) % 10_000;
      const match = r % 10 < 5 ? `{vhost: vh-${q % 10}, queue: svc-${q % 100}-queue-${q}}` : r % 10 < 9 ? `{queue: "svc-${r % 100}-*"}` : `{vhost: vh-${r % 10}}`;
      lines.push(`    - {name: q-rule-${r}, metric: ${metric}, match: ${match}, op: ">", threshold: ${metric.endsWith("_rate") ? 10 : 1000}, for: 1m}`);
    } else {
      const match = r % 2 === 0 ? `{group: team-${r % 20}-consumer-${r}}` : `{group: "team-${r % 20}-*"}`;
      lines.push(`    - {name: g-rule-${r}, metric: ${r % 3 === 0 ? "kafka_group_lag_seconds" : "kafka_group_lag"}, match: ${match}, op: ">", threshold: 10000, for: 1m}`);
    }
  }
  return lines.join("\n");
}

async function evaluationCost(db: Db, label: string, rules: string, clusterYaml: string, poll: (at: number, jitter: number) => PollReport): Promise<void> {
  const config = parseConfig(`clusters: [${clusterYaml}]\nalerts:\n  rules:\n${rules}\n`, "bench.yaml", {});
  await syncClusters(db, config.clusters);
  await db.alertInstance.deleteMany();
  const engine = new AlertEngine(db, config, { logger: quiet, externalURL: "http://127.0.0.1:3000" });
  await engine.start();
  const sampleCount = poll(0, 0).samples.length;
  const times: number[] = [];
  const pure: number[] = [];
  const t0 = Date.now();
  for (let i = 0; i < 12; i++) {
    const report = poll(t0 + i * 10_000, i % 3);
    const started = performance.now();
    engine.onPoll(report);
    await engine.idle();
    times.push(performance.now() - started);
    pure.push(engine.evaluationMs.get(report.clusterId) ?? NaN);
  }
  await engine.stop();
  const instances = await db.alertInstance.count();
  const steady = times.slice(2);
  out(`${label}: ${int(sampleCount)} samples per poll, ${config.alerts.rules.length} rules, ${int(instances)} live instances`);
  out(`  first poll (cold match cache, instances created): ${int(times[0] ?? NaN)} ms total, ${int(pure[0] ?? NaN)} ms evaluation`);
  out(`  steady state (10 polls): median ${int(median(steady))} ms, max ${int(Math.max(...steady))} ms total; evaluation median ${int(median(pure.slice(2)))} ms`);
  out(`  = ${((median(steady) / 10_000) * 100).toFixed(2)} % of a 10 s poll cycle (goal ≤ 10 %)`);
}

async function main(): Promise<void> {
  const options = parseBenchFlags(process.argv.slice(2), { crossings: 20, poll: 5, queues: 10_000, groups: 1_000, rules: 1_000, part: 0 }, "scripts/bench/bench-alerts.ts");
  const url = await recreateBenchDatabase(DB_NAME);
  const db = createPrismaClient(url);
  try {
    const run = (part: number) => options.part === 0 || options.part === part;
    if (run(1)) {
    out(`\n== 1. threshold crossed → webhook received (${options.crossings} crossings, poll every ${options.poll} s, engine tick 1 s)`);
    const latencies = await crossingLatency(db, options.crossings, options.poll);
    out(`p50 ${seconds(median(latencies))}, p95 ${seconds(percentile(latencies, 95))}, max ${seconds(Math.max(...latencies))} (goal ≤ ${options.poll + 2} s: one poll interval + 2 s)`);
    }
    if (run(2)) {

    out(`\n== 2. evaluation cost per poll`);
    await evaluationCost(db, `${int(options.queues)} RabbitMQ queues`, ruleYaml(options.rules, "rabbit"), `{id: bench-rabbit, kind: rabbitmq, managementUrl: "http://127.0.0.1:1", username: u, password: p}`, (at, j) => queuePoll(options.queues, at, j));
    await db.alertRule.deleteMany();
    await evaluationCost(db, `${int(options.groups)} Kafka groups × 10 partitions`, ruleYaml(options.rules, "kafka"), `{id: bench-kafka, kind: kafka, brokers: ["127.0.0.1:1"]}`, (at, j) => groupPoll(options.groups, at, j));
    }
    if (run(3)) {

    out(`\n== 3. backtest of one rule over 30 days of 1,000 entities`);
    const backtest = await benchBacktest(db);
    out(`p50 ${int(backtest.p50Ms)} ms, p95 ${int(backtest.p95Ms)} ms, max ${int(backtest.maxMs)} ms over ${int(backtest.entities)} entities, ${int(backtest.points)} points (goal ≤ 2,000 ms)`);
    }
  } finally {
    await db.$disconnect();
    if (!options.keep) await dropBenchDatabase(DB_NAME);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
