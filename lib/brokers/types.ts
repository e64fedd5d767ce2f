import type { PartitionLag } from "@/lib/lag/compute-lag";

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignment: { topic: string; partitions: number[] }[];
}

export interface ConsumerGroupSnapshot {
  groupId: string;
  /** broker-reported state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, … */
  state: string;
  /** assignment protocol ("range", "cooperative-sticky", …) or "" for an empty group */
  protocol: string;
  /** "consumer" = KIP-848 group: the classic DescribeGroups API cannot see its state or members */
  groupProtocol: "classic" | "consumer";
  members: GroupMember[];
  partitions: PartitionLag[];
}

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
  isController: boolean;
}

export interface TopicPartitionInfo {
  partition: number;
  /** -1 when the partition has no leader (offline) */
  leader: number;
  replicas: number[];
  isr: number[];
  /** null when the end offset could not be read (e.g. the partition is offline) */
  endOffset: number | null;
}

export interface TopicSnapshot {
  name: string;
  /** Kafka's own topics (__consumer_offsets, __transaction_state, …) */
  internal: boolean;
  replicationFactor: number;
  underReplicatedPartitions: number;
  offlinePartitions: number;
  partitions: TopicPartitionInfo[];
}

/**
 * What one poll of a cluster found. Each field is filled by the brokers that have the
 * concept; the store writes whatever is present.
 */
export interface CollectResult {
  consumerGroups: ConsumerGroupSnapshot[] | null;
  /** broker nodes, for brokers that report them */
  brokers: BrokerNode[] | null;
  topics: TopicSnapshot[] | null;
  /** requests sent to the broker during this poll (Kafka protocol requests, or HTTP requests) */
  brokerRequests: number;
}

/** The verbs every broker kind implements; registered by kind in lib/brokers/registry.ts. */
export interface BrokerAdapter {
  collect(): Promise<CollectResult>;
  close(): Promise<void>;
}
