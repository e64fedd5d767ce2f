// RabbitMQ rates and dead-letter signals through the real collector path (pollCluster + RabbitmqAdapter + store + API
// route handlers) against the local broker, on the Prometheus path and on the management-API path at once.
// The test produces traffic at a rate it controls and measures itself: 20 msg/s into a queue through a direct exchange,
// a consumer that requeues 1 in 5 first deliveries (redelivered, then acked), rejects 1 in 5 without requeue (dead-
// lettered into a DLQ no one consumes) and acks the rest. It polls every 2 s, on purpose shorter than the broker's 5 s
// statistics interval, and checks every poll after warm-up against its own counts.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type amqp from "amqplib";
import { GET as getQueues } from "@/app/api/v1/clusters/[id]/queues/route";
import { GET as getQueue } from "@/app/api/v1/clusters/[id]/queues/[vhost]/[name]/route";
import { GET as getSeries } from "@/app/api/v1/series/route";
import type { QueueDetailDto, QueueDto } from "@/lib/api/types";
import { settingsOfKind } from "@/lib/brokers/registry";
import { pollCluster } from "@/lib/collector/poll-cluster";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import { CHANNEL_COUNTER_FAMILIES, DEPTH_FAMILIES, QUEUE_COUNTER_FAMILIES, queuesFromPrometheus } from "@/lib/rabbitmq/prometheus-queues";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import { DERIVED_WINDOW_MS } from "@/lib/rabbitmq/queue-rates";
import { BROKER_STATS_INTERVAL_MS } from "@/lib/rabbitmq/refresh-clock";
import { storeSink } from "@/lib/store/poll-sink";
import type { QueueTracker } from "@/lib/rabbitmq/queue-tracker";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { connect, createVhost, deleteVhost, sleep } from "../support/rabbitmq-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const vhost = `qw-rates-${uniqueSuffix()}`;
const PUBLISH_PER_SECOND = 20;
const POLL_MS = 2_000;
/** The flows behind derived figures span 15 s of refreshes (DERIVED_WINDOW_MS) that must first fill with dead-letter traffic; measured 3.16/s vs 3.99/s at 25 s under a full-suite load, so 35 s. */
const WARM_UP_MS = 35_000;
const MEASURE_MS = 25_000;
const TOLERANCE = 0.1;
/**
 * The management API's view of a queue's depth is the queue's own 5 s statistics emission as aggregated by the
 * management collector on a second 5 s timer; when the two timers' phases cross, the view stalls one period and then
 * runs one emission behind (measured with rabbitmq-management 3.10.8: depth unchanged for 10 s, then +21 while 40 messages arrived).
 * A rate derived from depth growth over the DERIVED_WINDOW_MS window (a DLQ's inflow) then misses one period's messages
 * and counts up to one more period of stall: it reads down to (W − P) / (W + P) of the truth for one window. Counter
 * rates and the Prometheus path (which reads the emissions directly) have no such step and keep ±10 %.
 */
const MANAGEMENT_DEPTH_FLOOR = (DERIVED_WINDOW_MS - BROKER_STATS_INTERVAL_MS) / (DERIVED_WINDOW_MS + BROKER_STATS_INTERVAL_MS);

writeTestConfig(`
pollIntervalSeconds: 2
clusters:
  - id: it-rates-prometheus
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
    noConsumersAfterSeconds: 0
  - id: it-rates-management
    kind: rabbitmq
    managementUrl: http://127.0.0.1:15672
    username: guest
    password: guest
    prometheusUrl: false
    noConsumersAfterSeconds: 0
`);

const PATHS = ["it-rates-prometheus", "it-rates-management"] as const;
let db: Db;
let connection: amqp.ChannelModel;
const collectors = new Map<string, { adapter: RabbitmqAdapter; tracker: QueueTracker }>();
const store = new StoreWriter();

async function poll(id: string): Promise<void> {
  const collector = collectors.get(id);
  if (!collector) throw new Error(`no test cluster ${id}`);
  const report = await pollCluster(id, new RabbitmqPoller(collector.adapter, collector.tracker), storeSink(db, store));
  expect(report.error).toBeNull();
}

async function queuesOf(id: string): Promise<Map<string, QueueDto>> {
  const { queues } = await body<{ queues: QueueDto[] }>(await getQueues(req(""), params({ id })));
  return new Map(queues.filter((q) => q.vhost === vhost).map((q) => [q.name, q]));
}

/** What the test itself counted, with the time of each event (ms). */
class Counts {
  readonly events = { published: [] as number[], delivered: [] as number[], redelivered: [] as number[], acked: [] as number[], rejected: [] as number[] };
  /** events/s of one kind over [from, to) */
  rate(kind: keyof Counts["events"], from: number, to: number): number {
    return this.events[kind].filter((t) => t >= from && t < to).length / ((to - from) / 1000);
  }
}

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  const config = loadConfig();
  await syncClusters(db, config.clusters);
  for (const cluster of config.clusters) {
    const rabbit = settingsOfKind(cluster, "rabbitmq");
    if (rabbit) collectors.set(rabbit.id, { adapter: new RabbitmqAdapter(rabbit), tracker: queueTrackerFor(rabbit) });
  }
  await createVhost(vhost);
  connection = await connect(vhost);
});

afterAll(async () => {
  await connection?.close().catch(() => {});
  await deleteVhost(vhost);
  await db.$disconnect();
});

describe("RabbitMQ rates over the broker's refresh spans, polled every 2 s", () => {
  it("publish, deliver, ack, redeliver and dead-letter rates within ±10 % of the produced traffic, on both paths, every poll after warm-up", async () => {
    const setup = await connection.createChannel();
    await setup.assertExchange("orders-in", "direct", { durable: false });
    await setup.assertExchange("dlx", "fanout", { durable: false });
    await setup.assertQueue("orders.dlq", { durable: false });
    await setup.bindQueue("orders.dlq", "dlx", "");
    await setup.assertQueue("orders", { durable: false, arguments: { "x-dead-letter-exchange": "dlx" } });
    await setup.bindQueue("orders", "orders-in", "new");
    // Static signals, checked on the same polls: a DLX that does not exist, and a queue dead-lettering into itself.
    await setup.assertQueue("dropping", { durable: false, arguments: { "x-dead-letter-exchange": "no-such-exchange" } });
    await setup.assertQueue("looping", { durable: false, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "looping" } });
    await setup.close();

    const counts = new Counts();
    const consumer = await connection.createChannel();
    await consumer.prefetch(20);
    let firstDeliveries = 0;
    await consumer.consume("orders", (message) => {
      if (!message) return;
      const now = Date.now();
      counts.events.delivered.push(now);
      if (message.fields.redelivered) {
        counts.events.redelivered.push(now);
        counts.events.acked.push(now);
        consumer.ack(message);
        return;
      }
      firstDeliveries += 1;
      if (firstDeliveries % 5 === 0) {
        consumer.nack(message, false, true); // requeued: delivered again, then acked
      } else if (firstDeliveries % 5 === 1) {
        counts.events.rejected.push(now);
        consumer.nack(message, false, false); // dead-lettered into orders.dlq
      } else {
        counts.events.acked.push(now);
        consumer.ack(message);
      }
    });

    // A steady 20 msg/s: each 10 ms tick sends what the elapsed time calls for.
    const publisher = await connection.createChannel();
    const trafficStart = Date.now();
    let sent = 0;
    const producer = setInterval(() => {
      const due = Math.floor(((Date.now() - trafficStart) / 1000) * PUBLISH_PER_SECOND);
      for (; sent < due; sent += 1) {
        publisher.publish("orders-in", "new", Buffer.from(`order ${sent}`));
        counts.events.published.push(Date.now());
      }
    }, 10);

    const readings: { path: string; at: number; orders: QueueDto | undefined; dlq: QueueDto | undefined }[] = [];
    try {
      const end = trafficStart + WARM_UP_MS + MEASURE_MS;
      for (let tick = trafficStart; tick < end; tick += POLL_MS) {
        await sleep(Math.max(0, tick - Date.now()));
        for (const path of PATHS) {
          await poll(path);
          const queues = await queuesOf(path);
          readings.push({ path, at: Date.now(), orders: queues.get("orders"), dlq: queues.get("orders.dlq") });
        }
      }
      // Every family the collector asks for, scraped raw from the live broker while traffic flows: each row's labels
      // are understood (none dropped as "no vhost/queue"), and publishes reach the queue they were routed to.
      const families = [...DEPTH_FAMILIES, ...QUEUE_COUNTER_FAMILIES, ...CHANNEL_COUNTER_FAMILIES].map((f) => `family=${f}`).join("&");
      const scrape = await (await fetch(`http://127.0.0.1:15692/metrics/detailed?${families}`, { headers: { accept: "text/plain" } })).text();
      const parsed = queuesFromPrometheus(scrape, new Map());
      expect(parsed.malformed).toBe(0);
      const orders = parsed.queues.find((q) => q.vhost === vhost && q.name === "orders");
      expect([...(orders?.counters?.values() ?? [])].reduce((sum, c) => sum + (c.published ?? 0), 0)).toBeGreaterThan(0);
    } finally {
      clearInterval(producer);
    }
    const measuredFrom = trafficStart + WARM_UP_MS - 5_000;
    const measuredTo = Date.now();
    const truth = {
      publish: counts.rate("published", measuredFrom, measuredTo),
      deliver: counts.rate("delivered", measuredFrom, measuredTo),
      ack: counts.rate("acked", measuredFrom, measuredTo),
      redeliver: counts.rate("redelivered", measuredFrom, measuredTo),
      deadLetter: counts.rate("rejected", measuredFrom, measuredTo),
    };
    // The test's own traffic is what it says it is.
    expect(truth.publish).toBeCloseTo(PUBLISH_PER_SECOND, 0);
    expect(truth.deadLetter).toBeGreaterThan(3);

    const afterWarmUp = readings.filter((r) => r.at >= trafficStart + WARM_UP_MS);
    const report = PATHS.map((path) => {
      const rows = afterWarmUp.filter((r) => r.path === path);
      const series = {
        publish: rows.map((r) => r.orders?.publishRate ?? null),
        deliver: rows.map((r) => r.orders?.deliverRate ?? null),
        ack: rows.map((r) => r.orders?.ackRate ?? null),
        redeliver: rows.map((r) => r.orders?.redeliverRate ?? null),
        deadLetterOut: rows.map((r) => r.orders?.deadLetterOutRate ?? null),
        deadLetterIn: rows.map((r) => r.dlq?.deadLetterInflowRate ?? null),
      };
      return { path, polls: rows.length, series };
    });
    // Kept as a test artifact: produced vs read, per poll.
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/rabbitmq-rates.json", JSON.stringify({ truth, report }, (_k, v: unknown) => (typeof v === "number" ? Math.round(v * 100) / 100 : v), 1));

    const expected = { publish: truth.publish, deliver: truth.deliver, ack: truth.ack, redeliver: truth.redeliver, deadLetterOut: truth.deadLetter, deadLetterIn: truth.deadLetter };
    for (const { path, polls, series } of report) {
      expect(polls, path).toBeGreaterThanOrEqual(10);
      for (const [name, values] of Object.entries(series)) {
        const want = expected[name as keyof typeof expected];
        const depthDerivedFromManagement = path === "it-rates-management" && name === "deadLetterIn";
        for (const value of values) {
          // No 0 and no 2.5× while traffic flows: every poll's figure within ±10 % of what the test measured.
          const message = `${path} ${name} (measured ${want.toFixed(2)}/s): ${values.map((v) => v?.toFixed(2)).join(" ")}`;
          expect(value, message).not.toBeNull();
          if (depthDerivedFromManagement) {
            expect(value ?? 0, message).toBeGreaterThanOrEqual(want * MANAGEMENT_DEPTH_FLOOR);
            expect(value ?? 0, message).toBeLessThanOrEqual(want * (1 + TOLERANCE));
          } else {
            expect(Math.abs((value ?? 0) - want) / want, message).toBeLessThanOrEqual(TOLERANCE);
          }
        }
      }
    }

    // What the source queue dead-letters is what its DLQ receives, poll by poll (on the management path, within the
    // depth-derived inflow's floor above).
    for (const { path, series } of report) {
      series.deadLetterOut.forEach((out, i) => {
        const into = series.deadLetterIn[i] ?? null;
        const allowed = path === "it-rates-management" ? 1 - MANAGEMENT_DEPTH_FLOOR + TOLERANCE : TOLERANCE;
        expect(Math.abs((out ?? 0) - (into ?? 0)) / truth.deadLetter, `${path} poll ${i}: out ${out} vs in ${into}`).toBeLessThanOrEqual(allowed);
      });
    }

    // The same figures are stored as series: the dead-letter outflow and the publish rate of the source queue.
    for (const path of PATHS) {
      for (const [metric, want] of [["rabbitmq_queue_dead_letter_out_rate", truth.deadLetter], ["rabbitmq_queue_publish_rate", truth.publish]] as const) {
        const url = `/api/v1/series?cluster=${path}&metric=${metric}&vhost=${encodeURIComponent(vhost)}&queue=orders&from=${new Date(trafficStart + WARM_UP_MS).toISOString()}&to=${new Date().toISOString()}&points=1000&agg=avg`;
        const { series } = await body<{ series: { points: { t: string; v: number | null }[] }[] }>(await getSeries(req(url)));
        const values = series[0]?.points.flatMap((p) => (p.v === null ? [] : [p.v])) ?? [];
        // MEASURE_MS of polls in epoch-aligned buckets of 5 s (the nice step above 1.5 × the 2 s poll): at least 4 whole ones.
        expect(values.length, `${path} ${metric}`).toBeGreaterThanOrEqual(Math.floor(MEASURE_MS / 5_000) - 1);
        for (const v of values) expect(Math.abs(v - want) / want, `${path} ${metric}: ${values.join(" ")}`).toBeLessThanOrEqual(TOLERANCE);
      }
    }

    for (const path of PATHS) {
      const queues = await queuesOf(path);
      // The DLQ has no consumer: the fact, but no alarm (it only receives dead letters); the source queue is served.
      expect(queues.get("orders.dlq"), path).toMatchObject({ noConsumers: true, noConsumersAlarm: false, deadLetterSources: [{ vhost, name: "orders" }] });
      expect(queues.get("orders"), path).toMatchObject({ noConsumers: false, noConsumersAlarm: false, deadLetterDropped: false, deadLetterLoop: false });
      expect(queues.get("dropping"), path).toMatchObject({ deadLetterDropped: true, deadLetterLoop: false, deadLetterOutRate: 0 });
      expect(queues.get("looping"), path).toMatchObject({ deadLetterDropped: false, deadLetterLoop: true });
      // No dead-letter exchange: no outflow figure at all.
      expect(queues.get("orders.dlq")?.deadLetterOutRate, path).toBeNull();
      const detail = await body<QueueDetailDto>(await getQueue(req(""), params({ id: path, vhost, name: "dropping" })));
      expect(detail).toMatchObject({ deadLetterDropped: true, deadLetter: { exchange: "no-such-exchange", routing: "missing-exchange", targets: [] } });
    }
    await consumer.close();
    await publisher.close();
  });
});
