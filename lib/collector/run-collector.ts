import "server-only";
import { createPoller } from "@/lib/brokers/registry";
import type { ClusterPoller } from "@/lib/brokers/types";
import { pollIntervalSecondsFor } from "@/lib/config/cluster-settings";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { Logger } from "@/lib/log/logger";
import { INITIAL_POLL_LOG_STATE, observePoll, type PollLogState } from "@/lib/log/poll-log";
import { storeSink } from "@/lib/store/poll-sink";
import { StoreWriter } from "@/lib/store/store-writer";
import { syncClusters } from "@/lib/store/sync-clusters";
import { retentionDaysOf } from "@/lib/store/tiers";
import { describeError } from "@/lib/util/describe-error";
import { startMaintenance } from "./maintenance";
import { pollCluster, type PollReport } from "./poll-cluster";

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
  const sink = storeSink(db, store);
  const maintenance = options.maintenance === false ? null : startMaintenance(db, store, retentionDaysOf(config), logger);
  let stopping = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const pollers: ClusterPoller[] = [];

  for (const cluster of config.clusters) {
    const poller = createPoller(cluster);
    try {
      await poller.restore(db);
    } catch (error) {
      logger.warn(`[${cluster.id}] could not restore the poller's state from the store: ${describeError(error)}`);
    }
    pollers.push(poller);
    const intervalMs = pollIntervalSecondsFor(cluster, config.pollIntervalSeconds) * 1000;
    let pollLog: PollLogState = INITIAL_POLL_LOG_STATE;
    let deadLettersFailing = false;
    const collectDeadLetters = async (worker: ClusterPoller, clusterId: string): Promise<void> => {
      try {
        const pass = await worker.collectDeadLetters(db, new Date());
        if (pass.stored > 0 || deadLettersFailing) logger.info(`[${clusterId}] dead letters: ${pass.stored} new from ${pass.sources} dead-letter sources${pass.behind > 0 ? `, ${pass.behind} still to read` : ""}`);
        deadLettersFailing = false;
      } catch (error) {
        // Logged once per failing stretch; the next poll tries again from the stored position.
        if (!deadLettersFailing) logger.warn(`[${clusterId}] could not read the dead letters: ${describeError(error)}`);
        deadLettersFailing = true;
      }
    };
    const tick = async (): Promise<void> => {
      const startedAt = Date.now();
      try {
        const report = await pollCluster(cluster.id, poller, sink);
        options.onPoll?.(report);
        if (report.ok) await collectDeadLetters(poller, cluster.id);
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
      await Promise.allSettled(pollers.map((p) => p.close()));
      await maintenance?.stop();
    },
  };
}
