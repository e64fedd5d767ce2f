import type { DeadLetterRoute } from "./dead-letter-topology";
import type { QueueCounters } from "./queue-rates";

/** Cumulative per-queue counters by source: "" for per-queue totals, or a channel id (RabbitMQ 3.x per-channel rows). */
export type QueueCounterSources = ReadonlyMap<string, QueueCounters>;

/** One queue as the latest poll saw it. */
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

/** What one poll of a RabbitMQ cluster read. */
export interface RabbitmqCollectResult {
  queues: QueueSnapshot[];
  /** where the queues' counters came from; counters of different origins are not comparable */
  queueCounterOrigin: string;
  /** dead-letter routes by queue key (only queues with a dead-letter exchange) */
  deadLetterRoutes: ReadonlyMap<string, DeadLetterRoute>;
  /** node health, only on the polls that re-read it (a repeat would restamp an old reading as new) */
  nodes: RabbitNodeSnapshot[] | null;
  /** HTTP requests sent during this poll */
  brokerRequests: number;
}
