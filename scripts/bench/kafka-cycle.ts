// Child process of `npm run bench:kafka`: runs the collector's real poll cycle (the registry's Kafka
// poller: KafkaAdapter → LagTracker → StoreWriter → Postgres, i.e. pollCluster) against the benchmark broker a number
// of times, then reports each cycle and this process's peak RSS as one JSON line on stdout.
// A process of its own so that its peak RSS is the collector's, not the benchmark driver's.
//
// Usage: tsx --conditions=react-server scripts/bench/kafka-cycle.ts <broker> <database url> <cycles>
import { statusMiB } from "./proc-stats";
import { createPoller } from "@/lib/brokers/registry";
import { pollCluster } from "@/lib/collector/poll-cluster";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import { createPrismaClient } from "@/lib/db/prisma";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";

export interface CycleReport {
  /** adapter.collect(): the broker round trips and assembling lag */
  collectMs: number;
  /** the whole poll: collect, lag insight, series samples and the store writes */
  cycleMs: number;
  requests: number;
  groups: number;
  partitions: number;
  error: string | null;
  /** this process's RSS right after the cycle, MiB */
  rssMiB: number;
}

export interface CycleRunReport {
  cycles: CycleReport[];
  peakRssMiB: number;
}

async function main(): Promise<void> {
  const [broker = "", url = "", cyclesArg = ""] = process.argv.slice(2);
  const cycleCount = Number(cyclesArg);
  if (!broker || !url || !Number.isInteger(cycleCount) || cycleCount < 1) throw new Error("usage: kafka-cycle.ts <broker> <database url> <cycles>");
  const cluster: KafkaClusterConfig = { id: "bench", kind: "kafka", brokers: [broker] };
  const db = createPrismaClient(url);
  await syncClusters(db, [cluster]);
  const poller = createPoller(cluster);
  const sink = storeSink(db, new StoreWriter());
  const cycles: CycleReport[] = [];
  try {
    for (let i = 0; i < cycleCount; i += 1) {
      const started = performance.now();
      const report = await pollCluster(cluster.id, poller, sink);
      const cycleMs = performance.now() - started;
      const partitions = await db.partitionOffset.count({ where: { clusterId: cluster.id } });
      cycles.push({ collectMs: report.durationMs, cycleMs, requests: report.brokerRequests, groups: report.counts.find((c) => c.noun === "consumer group")?.count ?? 0, partitions, error: report.error, rssMiB: statusMiB("VmRSS") });
    }
  } finally {
    await poller.close();
    await db.$disconnect();
  }
  const result: CycleRunReport = { cycles, peakRssMiB: statusMiB("VmHWM") };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`kafka-cycle: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
