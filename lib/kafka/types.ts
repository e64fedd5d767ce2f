import type { ConsumerGroupSnapshot } from "@/lib/lag/types";

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

/** What one poll of a Kafka cluster read. */
export interface KafkaCollectResult {
  consumerGroups: ConsumerGroupSnapshot[];
  brokers: BrokerNode[];
  topics: TopicSnapshot[];
  /** Kafka protocol requests sent during this poll */
  brokerRequests: number;
}
