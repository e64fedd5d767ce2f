// Child process of `npm run bench:rabbitmq`: runs the collector's real poll cycle (RabbitmqAdapter →
// QueueTracker → StoreWriter → Postgres, i.e. pollCluster) against the local broker a number of
// times, then reports each cycle, the broker's CPU time during it and this process's peak RSS as
// one JSON line on stdout. A process of its own so that its peak RSS is the collector's.
//
// Usage: tsx --conditions=react-server scripts/bench/rabbitmq-cycle.ts <management url> <database url> <cycles> <broker pid> <bench vhost>
import { pollCluster } from "@/lib/collector/poll-cluster";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import { createPrismaClient } from "@/lib/db/prisma";
import { RabbitmqAdapter } from "@/lib/rabbitmq/rabbitmq-adapter";
import { queueTrackerFor, RabbitmqPoller } from "@/lib/rabbitmq/rabbitmq-poller";
import type { QueueSnapshot, RabbitmqCollectResult } from "@/lib/rabbitmq/types";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { processCpuMs, statusMiB } from "./proc-stats";

export interface RabbitCycleReport {
  /** adapter.collect(): the HTTP requests to the broker and parsing */
  collectMs: number;
  /** the whole poll: collect, rates and signals, series samples and the store writes */
  cycleMs: number;
  requests: number;
  /** where the depth came from: prometheus-… or management (the fallback) */
  origin: string | null;
  /** queues seen in all vhosts, and those of the benchmark's vhost with their totals */
  queues: number;
  benchQueues: number;
  benchMessages: number;
  benchUnacked: number;
  /** CPU time (user + system) the broker's process used during the cycle, and during collect() alone (its requests) */
  brokerCpuMs: number;
  collectBrokerCpuMs: number;
  error: string | null;
  /** this process's RSS right after the cycle, MiB */
  rssMiB: number;
}

export interface RabbitCycleRunReport {
  cycles: RabbitCycleReport[];
  peakRssMiB: number;
}

/**
 * The adapter as the poller sees it, keeping the latest result (what the cycle saw) and the broker's
 * CPU time during collect(): the store writes after it cost the broker nothing.
 */
class RecordingAdapter extends RabbitmqAdapter {
  last: RabbitmqCollectResult | null = null;
  lastBrokerCpuMs = NaN;
  constructor(cluster: RabbitmqClusterConfig, private readonly brokerPid: number) {
    super(cluster);
  }
  override async collect(): Promise<RabbitmqCollectResult> {
    this.last = null;
    const cpuBefore = processCpuMs(this.brokerPid);
    try {
      this.last = await super.collect();
      return this.last;
    } finally {
      this.lastBrokerCpuMs = processCpuMs(this.brokerPid) - cpuBefore;
    }
  }
}

async function main(): Promise<void> {
  const [managementUrl = "", url = "", cyclesArg = "", pidArg = "", vhost = ""] = process.argv.slice(2);
  const cycleCount = Number(cyclesArg);
  const brokerPid = Number(pidArg);
  if (!managementUrl || !url || !vhost || !Number.isInteger(cycleCount) || cycleCount < 1 || !Number.isInteger(brokerPid)) {
    throw new Error("usage: rabbitmq-cycle.ts <management url> <database url> <cycles> <broker pid> <bench vhost>");
  }
  // Slow management data once an hour: the first cycle reads it, the timed ones are the steady per-poll cost.
  const cluster: RabbitmqClusterConfig = { id: "bench", kind: "rabbitmq", managementUrl, username: "guest", password: "guest", managementIntervalSeconds: 3600 };
  const db = createPrismaClient(url);
  await syncClusters(db, [cluster]);
  const adapter = new RecordingAdapter(cluster, brokerPid);
  const poller = new RabbitmqPoller(adapter, queueTrackerFor(cluster));
  const sink = storeSink(db, new StoreWriter());
  const cycles: RabbitCycleReport[] = [];
  try {
    for (let i = 0; i < cycleCount; i += 1) {
      const cpuBefore = processCpuMs(brokerPid);
      const started = performance.now();
      const report = await pollCluster(cluster.id, poller, sink);
      const cycleMs = performance.now() - started;
      const brokerCpuMs = processCpuMs(brokerPid) - cpuBefore;
      const queues: readonly QueueSnapshot[] = adapter.last?.queues ?? [];
      // Queues the broker keeps figures for (one it lacks them for is listed with depth unknown).
      const bench = queues.filter((q) => q.vhost === vhost && q.messages !== null);
      cycles.push({
        collectMs: report.durationMs, cycleMs, requests: report.brokerRequests, origin: adapter.last?.queueCounterOrigin ?? null,
        queues: queues.length, benchQueues: bench.length,
        benchMessages: bench.reduce((sum, q) => sum + (q.messages ?? 0), 0), benchUnacked: bench.reduce((sum, q) => sum + (q.messagesUnacknowledged ?? 0), 0),
        brokerCpuMs, collectBrokerCpuMs: adapter.lastBrokerCpuMs, error: report.error, rssMiB: statusMiB("VmRSS"),
      });
    }
  } finally {
    await poller.close();
    await db.$disconnect();
  }
  const result: RabbitCycleRunReport = { cycles, peakRssMiB: statusMiB("VmHWM") };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`rabbitmq-cycle: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
