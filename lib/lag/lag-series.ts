import type { ConsumerGroupSnapshot } from "@/lib/brokers/types";
import { summarizeGroupLag } from "./compute-lag";

/** Metric names of the Kafka lag series (the store's `metric`; labels as noted). */
export const KAFKA_METRICS = {
  groupLag: "kafka_group_lag", // {group}: total lag in messages
  groupMaxLag: "kafka_group_max_lag", // {group}
  partitionLag: "kafka_partition_lag", // {group, topic, partition}
  committedOffset: "kafka_committed_offset", // {group, topic, partition}
  endOffset: "kafka_end_offset", // {topic, partition}
} as const;

export interface MetricSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Pure: the samples one poll contributes. Unknown values (no committed offset, no known
 * lag) produce no sample — a gap in the series, not a zero.
 */
export function groupLagSamples(groups: readonly ConsumerGroupSnapshot[]): MetricSample[] {
  const samples: MetricSample[] = [];
  const endOffsets = new Map<string, MetricSample>();
  for (const group of groups) {
    const { totalLag, maxLag } = summarizeGroupLag(group.partitions);
    if (totalLag !== null) samples.push({ metric: KAFKA_METRICS.groupLag, labels: { group: group.groupId }, value: totalLag });
    if (maxLag !== null) samples.push({ metric: KAFKA_METRICS.groupMaxLag, labels: { group: group.groupId }, value: maxLag });
    for (const p of group.partitions) {
      const labels = { group: group.groupId, topic: p.topic, partition: String(p.partition) };
      if (p.lag !== null) samples.push({ metric: KAFKA_METRICS.partitionLag, labels, value: p.lag });
      if (p.committedOffset !== null) samples.push({ metric: KAFKA_METRICS.committedOffset, labels, value: p.committedOffset });
      endOffsets.set(`${p.topic}\u0000${p.partition}`, { metric: KAFKA_METRICS.endOffset, labels: { topic: p.topic, partition: String(p.partition) }, value: p.endOffset });
    }
  }
  return [...samples, ...endOffsets.values()];
}
