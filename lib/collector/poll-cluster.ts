import "server-only";
import type { BrokerAdapter } from "@/lib/brokers/types";
import type { Db } from "@/lib/db/prisma";
import type { LagTracker, TopicRates } from "@/lib/lag/lag-tracker";
import { clusterHealthSamples, groupLagSamples, insightSamples } from "@/lib/lag/lag-series";
import { NO_FINDINGS, recordPoll } from "@/lib/store/record-poll";
import type { StoreWriter } from "@/lib/store/store-writer";
import { queueKey } from "@/lib/rabbitmq/dead-letter-topology";
import { nodeSamples, queueSamples } from "@/lib/rabbitmq/queue-series";
import { DEFAULT_QUEUE_TRACKER_OPTIONS, QueueTracker, type QueueInsight } from "@/lib/rabbitmq/queue-tracker";
import { describeError } from "./describe-error";

export interface PollReport {
  clusterId: string;
  ok: boolean;
  durationMs: number;
  error: string | null;
  /** consumer groups seen, or null for brokers without them */
  groups: number | null;
  brokerRequests: number;
}

/** One poll of one cluster: ask the broker, then write the outcome (up or down) to the store. */
export async function pollCluster(db: Db, clusterId: string, adapter: BrokerAdapter, store: StoreWriter, tracker: LagTracker, queueTracker: QueueTracker = new QueueTracker(DEFAULT_QUEUE_TRACKER_OPTIONS)): Promise<PollReport> {
  const startedAt = new Date();
  const started = performance.now();
  let error: string | null = null;
  let result: Awaited<ReturnType<BrokerAdapter["collect"]>> | null = null;
  try {
    result = await adapter.collect();
  } catch (caught) {
    error = describeError(caught);
  }
  const durationMs = Math.round(performance.now() - started);
  const polledAt = startedAt.getTime() + durationMs;
  let findings = NO_FINDINGS;
  if (result) {
    const insights = result.consumerGroups ? tracker.observe(polledAt, result.consumerGroups) : [];
    const produceRates = result.topics ? tracker.observeTopics(polledAt, result.topics) : new Map<string, TopicRates>();
    const deadLetterTargets = new Set([...(result.deadLetterRoutes?.values() ?? [])].flatMap((route) => route.targets.map(queueKey)));
    const deadLetterSources = new Set(result.deadLetterRoutes?.keys() ?? []);
    const queueInsights = result.queues ? queueTracker.observe(polledAt, result.queues, result.queueCounterOrigin, deadLetterTargets, deadLetterSources) : new Map<string, QueueInsight>();
    const metrics = [
      ...(result.consumerGroups ? groupLagSamples(result.consumerGroups) : []),
      ...insightSamples(insights),
      ...clusterHealthSamples(result.brokers, result.topics, produceRates),
      ...(result.queues ? queueSamples(result.queues, queueInsights) : []),
      ...(result.nodes ? nodeSamples(result.nodes) : []),
    ];
    const samples = await store.prepare(db, clusterId, polledAt, metrics);
    findings = {
      consumerGroups: result.consumerGroups, brokers: result.brokers, topics: result.topics, produceRates, insights, samples,
      queues: result.queues, queueInsights, deadLetterRoutes: result.deadLetterRoutes, nodes: result.nodes,
    };
  }
  await recordPoll(db, { clusterId, startedAt, durationMs, error }, findings);
  return { clusterId, ok: error === null, durationMs, error, groups: result?.consumerGroups?.length ?? null, brokerRequests: result?.brokerRequests ?? 0 };
}
