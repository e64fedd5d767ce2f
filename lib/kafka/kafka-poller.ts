import "server-only";
import type { BrokerReading, ClusterPoller, CollectedPoll, DeadLetterPass } from "@/lib/brokers/types";
import type { Db } from "@/lib/db/prisma";
import { LagTracker } from "@/lib/lag/lag-tracker";
import type { KafkaDeadLetterIndexer } from "./dead-letter-indexer";
import type { KafkaAdapter } from "./kafka-adapter";
import { kafkaSamples } from "./kafka-series";
import { loadEndOffsetHistory } from "./store/query-end-offset-history";
import { writeKafkaSnapshot } from "./store/write-snapshot";
import type { KafkaCollectResult, TopicSnapshot } from "./types";

/** How much stored end-offset history seeds lag in seconds at start-up. */
const SEED_HISTORY_MS = 3_600_000;

/** Pure: what a Kafka poll saw and cost, for logs and reports. */
export function kafkaReading(result: KafkaCollectResult): BrokerReading {
  return { counts: [{ noun: "consumer group", count: result.consumerGroups.length }], brokerRequests: result.brokerRequests };
}

/**
 * The collector's Kafka worker for one cluster: the admin connection and the lag tracker (end-offset
 * history for lag in seconds, commit windows for status, rates for catch-up time).
 */
export class KafkaPoller implements ClusterPoller {
  /** the topics of the latest successful poll: where the dead-letter pass finds its topics and end offsets */
  private topics: readonly TopicSnapshot[] = [];

  /** `deadLetters` null: no dead-letter pass (tests of lag alone) */
  constructor(private readonly clusterId: string, private readonly adapter: KafkaAdapter, readonly tracker: LagTracker = new LagTracker(), private readonly deadLetters: KafkaDeadLetterIndexer | null = null) {}

  async collect(): Promise<CollectedPoll> {
    const result = await this.adapter.collect();
    this.topics = result.topics;
    return {
      ...kafkaReading(result),
      derive: (polledAt) => {
        const insights = this.tracker.observe(polledAt, result.consumerGroups);
        const produceRates = this.tracker.observeTopics(polledAt, result.topics);
        return {
          samples: kafkaSamples(result, insights, produceRates),
          writeSnapshot: (tx, clusterId, at) => writeKafkaSnapshot(tx, clusterId, at, { result, produceRates, insights }),
        };
      },
    };
  }

  /** After a restart, lag in seconds picks up the stored end-offset history instead of lower bounds. */
  async restore(db: Db, sinceMs = Date.now() - SEED_HISTORY_MS): Promise<void> {
    for (const history of await loadEndOffsetHistory(db, this.clusterId, sinceMs)) this.tracker.seedEndOffsets(history.topic, history.partition, history.points);
  }

  async collectDeadLetters(db: Db, now: Date): Promise<DeadLetterPass> {
    return (await this.deadLetters?.index(db, this.topics, now)) ?? { sources: 0, stored: 0, behind: 0 };
  }

  async close(): Promise<void> {
    await Promise.all([this.adapter.close(), this.deadLetters?.close()]);
  }
}
