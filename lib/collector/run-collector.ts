import "server-only";
import { createBrokerAdapter, createQueueTracker } from "@/lib/brokers/registry";
import type { BrokerAdapter } from "@/lib/brokers/types";
import { pollIntervalSecondsFor, retentionDaysOf } from "@/lib/config/cluster-name";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { LagTracker } from "@/lib/lag/lag-tracker";
import type { Logger } from "@/lib/log/logger";
import { INITIAL_POLL_LOG_STATE, observePoll, type PollLogState } from "@/lib/log/poll-log";
import { loadEndOffsetHistory } from "@/lib/store/query-end-offset-history";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { describeError } from "./describe-error";
import { startMaintenance } from "./maintenance";
import { pollCluster, type PollReport } from "./poll-cluster";

/** How much stored end-offset history seeds lag in seconds at start-up. */
const SEED_HISTORY_MS = 3_600_000;

export interface CollectorHandle {
  stop(): Promise<void>;
}

export interface CollectorOptions {
  logger: Logger;
  onPoll?: (report: PollReport) => void;
  /** run rollups and retention in this process (default true) */
  maintenance?: boolean;
}

/**
 * Polls every cluster on its own interval, forever. A poll never overlaps the previous
 * one of the same cluster; a failing broker or a failing database write is reported and
 * the loop goes on, so the collector recovers by itself.
 */
export async function startCollector(db: Db, config: QueuewatchConfig, options: CollectorOptions): Promise<CollectorHandle> {
  const { logger } = options;
  await syncClusters(db, config.clusters);
  const store = new StoreWriter();
  const maintenance = options.maintenance === false ? null : startMaintenance(db, store, retentionDaysOf(config), logger);
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const adapters: BrokerAdapter[] = [];

  for (const cluster of config.clusters) {
    const adapter = createBrokerAdapter(cluster);
    const tracker = new LagTracker();
    const queueTracker = createQueueTracker(cluster);
    // After a restart, lag in seconds picks up the stored end-offset history instead of
    // reporting lower bounds until it has seen the offsets move again.
    try {
      for (const history of await loadEndOffsetHistory(db, cluster.id, Date.now() - SEED_HISTORY_MS)) tracker.seedEndOffsets(history.topic, history.partition, history.points);
    } catch (error) {
      logger.warn(`[${cluster.id}] could not load end-offset history: ${describeError(error)}`);
    }
    adapters.push(adapter);
    const intervalMs = pollIntervalSecondsFor(cluster, config.pollIntervalSeconds) * 1000;
    let pollLog: PollLogState = INITIAL_POLL_LOG_STATE;
    const tick = async (): Promise<void> => {
      const startedAt = Date.now();
      try {
        const report = await pollCluster(db, cluster.id, adapter, store, tracker, queueTracker);
        options.onPoll?.(report);
        const observed = observePoll(pollLog, cluster.id, report, Date.now());
        pollLog = observed.state;
        for (const entry of observed.entries) logger[entry.level](entry.message);
      } catch (error) {
        logger.error(`[${cluster.id}] could not record the poll: ${describeError(error)}`);
      }
      if (stopping) return;
      const delay = Math.max(0, intervalMs - (Date.now() - startedAt));
      const timer = setTimeout(() => {
        timers.delete(timer);
        track(tick());
      }, delay);
      timers.add(timer);
    };
    const track = (promise: Promise<void>): void => {
      running.add(promise);
      void promise.finally(() => running.delete(promise));
    };
    track(tick());
  }

  return {
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
      await Promise.allSettled(adapters.map((a) => a.close()));
      await maintenance?.stop();
    },
  };
}
