import type { PartitionLag } from "@/lib/lag/compute-lag";
import type { DeadLetterRoute } from "@/lib/rabbitmq/dead-letter-topology";
import type { QueueCounters } from "@/lib/rabbitmq/queue-rates";

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

/** Cumulative per-queue counters by source: "" for per-queue totals, or a channel id (RabbitMQ 3.x per-channel rows). */
export type QueueCounterSources = ReadonlyMap<string, QueueCounters>;

/** One queue as the latest poll saw it (RabbitMQ). */
export interface QueueSnapshot {
  vhost: string;
  name: string;
  /** classic, quorum, stream; "unknown" until the management API has listed the queue */
  type: string;
  /**
   * null when the broker keeps no figures for the queue right now: RabbitMQ's metrics tables
   * sometimes lack an idle queue (seen with 10,000 queues) until it gets traffic. The queue
   * stays listed, with its depth unknown, rather than vanishing.
   */
  messages: number | null;
  messagesReady: number | null;
  messagesUnacknowledged: number | null;
  consumers: number | null;
  /** 0–1, the share of time consumers could take deliveries; null when not reported */
  consumerCapacity: number | null;
  /** null when this poll had no counter source (rates are then unknown, not 0) */
  counters: QueueCounterSources | null;
}

/** A RabbitMQ node's health, from the management API. */
export interface RabbitNodeSnapshot {
  name: string;
  running: boolean;
  memUsed: number | null;
  memLimit: number | null;
  memAlarm: boolean;
  diskFree: number | null;
  diskFreeLimit: number | null;
  diskFreeAlarm: boolean;
  fdUsed: number | null;
  fdTotal: number | null;
  socketsUsed: number | null;
  socketsTotal: number | null;
  procUsed: number | null;
  procTotal: number | null;
  uptimeMs: number | null;
  /** nodes this node cannot reach (a network partition) */
  partitions: string[];
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
  queues: QueueSnapshot[] | null;
  /** where the queues' counters came from; counters of different origins are not comparable */
  queueCounterOrigin: string | null;
  /** dead-letter routes by queue key (only queues with a dead-letter exchange) */
  deadLetterRoutes: ReadonlyMap<string, DeadLetterRoute> | null;
  nodes: RabbitNodeSnapshot[] | null;
  /** requests sent to the broker during this poll (Kafka protocol requests, or HTTP requests) */
  brokerRequests: number;
}

/** The verbs every broker kind implements; registered by kind in lib/brokers/registry.ts. */
export interface BrokerAdapter {
  collect(): Promise<CollectResult>;
  close(): Promise<void>;
}
