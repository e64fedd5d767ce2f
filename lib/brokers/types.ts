// The contract every broker kind fulfils. Client-safe (types and one constant): the API's cluster
// answer carries a kind's capabilities, and pages read them instead of comparing kinds. Each kind's
// module implements BrokerKind and is registered in lib/brokers/registry.ts, the one place that
// knows which kinds exist.
import type { ConsumerGroupSummaryDto, NodeDto, QueueDto, TopicSummaryDto } from "@/lib/api/types";
import type { ClusterConfig } from "@/lib/config/schema";
import type { Db, DbTransaction } from "@/lib/db/prisma";
import type { DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import type { HeldMessage } from "@/lib/dlq/held-message";
import type { DeadLetterReplayer } from "@/lib/dlq/replay/replayer";
import type { DeadLetterSourceRef } from "@/lib/dlq/source-key";
import type { MetricSample } from "@/lib/store/metric-sample";

/** Per-cluster resources: API routes under /api/v1/clusters/{id}/<resource> and the pages that show them. */
export const CLUSTER_RESOURCES = ["consumer-groups", "topics", "brokers", "queues", "nodes"] as const;
export type ClusterResource = (typeof CLUSTER_RESOURCES)[number];

/** What a kind offers, and how pages speak of it. */
export interface KindCapabilities {
  /** the kind's name on pages: "Kafka", "RabbitMQ" */
  label: string;
  /** the list a cluster's page opens with */
  mainView: ClusterResource;
  /** the resources it serves; asking another kind's resource answers 400 */
  resources: readonly ClusterResource[];
  /** what to tell the user when the broker rejects the credentials, or cannot be reached */
  hints: { credentialsRejected: string; unreachable: { title: string; fix: string } };
}

/** How many of something one poll saw, e.g. { noun: "consumer group", count: 3 } (for logs and reports). */
export interface PollCount {
  noun: string;
  count: number;
}

/** A read of the broker: what it holds now, and what the read cost it. */
export interface BrokerReading {
  readonly counts: readonly PollCount[];
  /** requests sent to the broker (Kafka protocol requests, or HTTP requests) */
  readonly brokerRequests: number;
}

/**
 * A connection to one cluster with no derived state, no store and no poll loop: what the web process
 * builds to act on a broker (dead-letter browse and replay), and what the collector's poller wraps.
 */
export interface BrokerConnection {
  read(): Promise<BrokerReading>;
  close(): Promise<void>;
}

/** What a successful poll leaves to store: series samples and the kind's snapshot tables. */
export interface PollFindings {
  readonly samples: readonly MetricSample[];
  /** replaces the kind's snapshot rows of the cluster, inside the poll's transaction */
  writeSnapshot(tx: DbTransaction, clusterId: string, polledAt: Date): Promise<void>;
}

/** One successful collect, not yet folded into the poller's derived state. */
export interface CollectedPoll extends BrokerReading {
  /** Feeds the poll to the kind's derived state (rates, lag history, signals) as of `polledAt`; call once. */
  derive(polledAt: number): PollFindings;
}

/** What one dead-letter pass of the collector did (lib/dlq): sources seen, messages stored, messages still to read. */
export interface DeadLetterPass {
  sources: number;
  stored: number;
  behind: number;
}

/** The collector's per-cluster worker: a connection plus the memory between polls. */
export interface ClusterPoller {
  collect(): Promise<CollectedPoll>;
  /**
   * After a successful poll: brings the store's dead letters up to date with the broker (Kafka topics and
   * RabbitMQ streams are copied by offset without changing them; RabbitMQ queues in capture mode are moved).
   */
  collectDeadLetters(db: Db, now: Date): Promise<DeadLetterPass>;
  /** Seeds the derived state from the store after a restart (e.g. end-offset history for lag in seconds). */
  restore(db: Db): Promise<void>;
  close(): Promise<void>;
}

/** A cluster's subjects as the latest stored poll has them: what the overview triages. A kind fills what it has. */
export interface ClusterSubjects {
  groups: readonly ConsumerGroupSummaryDto[];
  topics: readonly TopicSummaryDto[];
  queues: readonly QueueDto[];
  nodes: readonly NodeDto[];
}

/** A broker kind: everything kind-specific, behind one object. `C` is the kind's cluster settings. */
export interface BrokerKind<C extends ClusterConfig> {
  readonly kind: C["kind"];
  readonly capabilities: KindCapabilities;
  /** the secret values in the cluster's settings, for the logger to hide */
  secretsOf(cluster: C): string[];
  /** whether the cluster points at this machine, where the quick start can start the broker */
  isLocal(cluster: C): boolean;
  connect(cluster: C): BrokerConnection;
  createPoller(cluster: C): ClusterPoller;
  /** the cluster's subjects from the store (no broker call) */
  readSubjects(db: Db, cluster: C): Promise<ClusterSubjects>;
  /** the cluster's dead-letter topics or queues from the store (no broker call) */
  listDeadLetters(db: Db, cluster: C): Promise<DeadLetterSourceDto[]>;
  /** sends replayed dead letters (and, for live sources, moves them out of the queue): lib/dlq/replay */
  replayer(cluster: C): DeadLetterReplayer;
  /** a live read of a source whose browse mode is "peek", leaving every message in place */
  peekDeadLetters?(cluster: C, ref: DeadLetterSourceRef, count: number): Promise<HeldMessage[]>;
}
