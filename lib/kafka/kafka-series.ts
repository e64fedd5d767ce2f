import { summarizeGroupLag } from "@/lib/lag/compute-lag";
import type { GroupInsight, TopicRates } from "@/lib/lag/lag-tracker";
import { lagStatusSeverity } from "@/lib/lag/status-severity";
import type { ConsumerGroupSnapshot } from "@/lib/lag/types";
import type { MetricSample } from "@/lib/store/metric-sample";
import type { BrokerNode, KafkaCollectResult, TopicSnapshot } from "./types";

/** Metric names of the Kafka lag series (the store's `metric`; labels as noted). */
export const KAFKA_METRICS = {
  groupLag: "kafka_group_lag", // {group}: total lag in messages
  groupMaxLag: "kafka_group_max_lag", // {group}
  partitionLag: "kafka_partition_lag", // {group, topic, partition}
  endOffset: "kafka_end_offset", // {topic, partition}
  groupLagSeconds: "kafka_group_lag_seconds", // {group}: age of the oldest unconsumed message
  partitionLagSeconds: "kafka_partition_lag_seconds", // {group, topic, partition}
  groupConsumeRate: "kafka_group_consume_rate", // {group}: messages/s over the status window
  groupStatus: "kafka_group_status", // {group}: 0 OK, 1 WARN, 2 ERR (lagStatusSeverity); none while UNKNOWN
  // {group}: 0 with no lag; none when unknown or not catching up (estimateCatchUp gives null for both)
  groupCatchUpSeconds: "kafka_group_catch_up_seconds",
  topicProduceRate: "kafka_topic_produce_rate", // {topic}: messages/s since the previous poll
  partitionProduceRate: "kafka_partition_produce_rate", // {topic, partition}: the same per partition
  underReplicatedPartitions: "kafka_under_replicated_partitions", // {}: whole cluster
  offlinePartitions: "kafka_offline_partitions", // {}
  brokers: "kafka_brokers", // {}: brokers reported by the cluster
} as const;

/**
 * Pure: the samples one poll contributes. Unknown values (no committed offset, no known
 * lag) produce no sample — a gap in the series, not a zero. End offsets come from the
 * topics (clusterHealthSamples), for every partition, not only for those a group reads.
 */
export function groupLagSamples(groups: readonly ConsumerGroupSnapshot[]): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const group of groups) {
    const { totalLag, maxLag } = summarizeGroupLag(group.partitions);
    if (totalLag !== null) samples.push({ metric: KAFKA_METRICS.groupLag, labels: { group: group.groupId }, value: totalLag });
    if (maxLag !== null) samples.push({ metric: KAFKA_METRICS.groupMaxLag, labels: { group: group.groupId }, value: maxLag });
    for (const p of group.partitions) {
      if (p.lag !== null) samples.push({ metric: KAFKA_METRICS.partitionLag, labels: { group: group.groupId, topic: p.topic, partition: String(p.partition) }, value: p.lag });
    }
  }
  return samples;
}

/** Pure: lag-in-seconds, consumption-rate, status and catch-up samples from the tracker's insights. */
export function insightSamples(insights: readonly GroupInsight[]): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const insight of insights) {
    const labels = { group: insight.groupId };
    const severity = lagStatusSeverity(insight.status);
    if (insight.lagSeconds !== null) samples.push({ metric: KAFKA_METRICS.groupLagSeconds, labels, value: insight.lagSeconds });
    if (insight.consumeRate !== null) samples.push({ metric: KAFKA_METRICS.groupConsumeRate, labels, value: insight.consumeRate });
    if (severity !== null) samples.push({ metric: KAFKA_METRICS.groupStatus, labels, value: severity });
    if (insight.catchUpSeconds !== null) samples.push({ metric: KAFKA_METRICS.groupCatchUpSeconds, labels, value: insight.catchUpSeconds });
    for (const p of insight.partitions) {
      if (p.lagSeconds !== null) samples.push({ metric: KAFKA_METRICS.partitionLagSeconds, labels: { group: insight.groupId, topic: p.topic, partition: String(p.partition) }, value: p.lagSeconds });
    }
  }
  return samples;
}

/**
 * Pure: throughput and health samples (cluster-wide ones carry no labels), and the end offset
 * of every partition whose end offset was read: the history that lets a restarted collector
 * give the age of messages produced before any group was seen.
 */
export function clusterHealthSamples(brokers: readonly BrokerNode[], topics: readonly TopicSnapshot[], produceRates: ReadonlyMap<string, TopicRates>): MetricSample[] {
  const samples: MetricSample[] = [{ metric: KAFKA_METRICS.brokers, labels: {}, value: brokers.length }];
  samples.push({ metric: KAFKA_METRICS.underReplicatedPartitions, labels: {}, value: topics.reduce((n, t) => n + t.underReplicatedPartitions, 0) });
  samples.push({ metric: KAFKA_METRICS.offlinePartitions, labels: {}, value: topics.reduce((n, t) => n + t.offlinePartitions, 0) });
  for (const topic of topics) {
    for (const p of topic.partitions) {
      if (p.endOffset !== null) samples.push({ metric: KAFKA_METRICS.endOffset, labels: { topic: topic.name, partition: String(p.partition) }, value: p.endOffset });
    }
    const rates = produceRates.get(topic.name);
    if (!rates) continue;
    if (rates.perSecond !== null) samples.push({ metric: KAFKA_METRICS.topicProduceRate, labels: { topic: topic.name }, value: rates.perSecond });
    for (const [partition, rate] of rates.partitions) {
      if (rate !== null) samples.push({ metric: KAFKA_METRICS.partitionProduceRate, labels: { topic: topic.name, partition: String(partition) }, value: rate });
    }
  }
  return samples;
}

/** Pure: every sample of one Kafka poll. */
export function kafkaSamples(result: KafkaCollectResult, insights: readonly GroupInsight[], produceRates: ReadonlyMap<string, TopicRates>): MetricSample[] {
  return [...groupLagSamples(result.consumerGroups), ...insightSamples(insights), ...clusterHealthSamples(result.brokers, result.topics, produceRates)];
}
