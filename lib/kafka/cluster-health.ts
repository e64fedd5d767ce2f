import type { BrokerNode, TopicSnapshot } from "./types";

export interface RawPartitionMetadata {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

/** Kafka's own topics (__consumer_offsets, __transaction_state, …). */
export function isInternalTopic(name: string): boolean {
  return name.startsWith("__");
}

/**
 * Pure: a topic's health from its metadata. Under-replicated = fewer in-sync replicas
 * than replicas; offline = no leader (-1) or the leader is listed offline.
 */
export function summarizeTopic(name: string, partitions: readonly RawPartitionMetadata[], endOffsets: ReadonlyMap<number, number> | undefined): TopicSnapshot {
  const sorted = [...partitions].sort((a, b) => a.partitionId - b.partitionId);
  return {
    name,
    internal: isInternalTopic(name),
    replicationFactor: Math.max(0, ...sorted.map((p) => p.replicas.length)),
    underReplicatedPartitions: sorted.filter((p) => p.isr.length < p.replicas.length).length,
    offlinePartitions: sorted.filter((p) => p.leader < 0 || (p.offlineReplicas ?? []).includes(p.leader)).length,
    partitions: sorted.map((p) => ({
      partition: p.partitionId,
      leader: p.leader,
      replicas: [...p.replicas],
      isr: [...p.isr],
      endOffset: endOffsets?.get(p.partitionId) ?? null,
    })),
  };
}

export function brokerNodes(brokers: readonly { nodeId: number; host: string; port: number }[], controller: number | null): BrokerNode[] {
  return [...brokers].sort((a, b) => a.nodeId - b.nodeId).map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, isController: b.nodeId === controller }));
}
