import "server-only";
import type { BrokerReading, ClusterPoller, CollectedPoll, DeadLetterPass } from "@/lib/brokers/types";
import type { RabbitmqClusterConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { RabbitmqDeadLetterCollector } from "./dead-letter-collector";
import { queueKey } from "./dead-letter-topology";
import type { RabbitmqAdapter } from "./rabbitmq-adapter";
import { rabbitmqSamples } from "./queue-series";
import { QueueTracker } from "./queue-tracker";
import { growthWindowMsOf } from "./settings";
import { writeRabbitmqSnapshot } from "./store/write-snapshot";
import type { RabbitmqCollectResult } from "./types";

/** Pure: what a RabbitMQ poll saw and cost, for logs and reports. */
export function rabbitmqReading(result: RabbitmqCollectResult): BrokerReading {
  return { counts: [{ noun: "queue", count: result.queues.length }], brokerRequests: result.brokerRequests };
}

/** A queue tracker with the cluster's settings. */
export function queueTrackerFor(cluster: RabbitmqClusterConfig): QueueTracker {
  return new QueueTracker({ growthWindowMs: growthWindowMsOf(cluster) });
}

/**
 * The collector's RabbitMQ worker for one cluster: the HTTP adapter (Prometheus plugin and management
 * API) and the queue tracker (rates at the broker's refreshes, no-consumer stretches, depth windows).
 */
export class RabbitmqPoller implements ClusterPoller {
  constructor(private readonly adapter: RabbitmqAdapter, readonly tracker: QueueTracker, private readonly deadLetters: RabbitmqDeadLetterCollector | null = null) {}

  async collect(): Promise<CollectedPoll> {
    const result = await this.adapter.collect();
    return {
      ...rabbitmqReading(result),
      derive: (polledAt) => {
        const targets = new Set([...result.deadLetterRoutes.values()].flatMap((route) => route.targets.map(queueKey)));
        const sources = new Set(result.deadLetterRoutes.keys());
        const queueInsights = this.tracker.observe(polledAt, result.queues, result.queueCounterOrigin, targets, sources);
        return {
          samples: rabbitmqSamples(result, queueInsights),
          writeSnapshot: (tx, clusterId, at) => writeRabbitmqSnapshot(tx, clusterId, at, { result, queueInsights }),
        };
      },
    };
  }

  /** Stream dead-letter queues copied by offset, queues in capture mode moved into the store (classic ones are read live). */
  async collectDeadLetters(db: Db, now: Date): Promise<DeadLetterPass> {
    return (await this.deadLetters?.collect(db, now)) ?? { sources: 0, stored: 0, behind: 0 };
  }

  /** Rates and signals start afresh after a restart: nothing to seed. */
  async restore(): Promise<void> {}

  close(): Promise<void> {
    return this.adapter.close();
  }
}
