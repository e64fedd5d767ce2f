// Response shapes of the versioned JSON API. Client-safe: no server imports here. Where a response
// carries a domain value as it is, the DTO is that type; times are ISO strings on the wire.
import type { KindCapabilities } from "@/lib/brokers/types";
import type { ClusterKind } from "@/lib/config/schema";
import type { BrokerNode, TopicPartitionInfo, TopicSnapshot } from "@/lib/kafka/types";
import type { GroupLagSummary, PartitionLag } from "@/lib/lag/compute-lag";
import type { GroupInsight, PartitionInsight } from "@/lib/lag/lag-tracker";
import type { ConsumerGroupSnapshot, GroupMember } from "@/lib/lag/types";
import type { QueueRef } from "@/lib/rabbitmq/dead-letter-topology";
import type { QueueSnapshot, RabbitNodeSnapshot } from "@/lib/rabbitmq/types";

export const CLUSTER_STATUSES = ["up", "down", "unknown"] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

export interface ClusterDto {
  id: string;
  name: string;
  kind: ClusterKind;
  /** what the cluster's kind offers (resources, main view) and how pages speak of it */
  capabilities: KindCapabilities;
  status: ClusterStatus;
  lastPolledAt: string | null;
  lastError: string | null;
  lastPollDurationMs: number | null;
  pollIntervalSeconds: number;
  /** ISO time of the latest successful poll: the time the stored figures are from */
  lastSuccessAt: string | null;
  /** ISO time of the first failed poll of the current failure streak; null when the latest poll succeeded */
  downSince: string | null;
  /** true when never polled, the latest poll failed, or the latest poll is older than 2 × pollIntervalSeconds */
  stale: boolean;
  /** short human text, e.g. "latest poll failed" / "no poll for 3 min" */
  staleReason: string | null;
}

/** A cluster's poll state as the store has it (the cluster answer without its kind's capabilities). */
export type ClusterStatusDto = Omit<ClusterDto, "capabilities">;

/**
 * Lag insight shared by the group list and the group detail: the lag tracker's GroupInsight as stored.
 * status: OK, WARN, ERR (a partition stopped or stalled) or UNKNOWN (not enough polls yet); see
 * lib/lag/evaluate-status.ts. catchUpSeconds null: not catching up at current rates, or unknown.
 */
export interface GroupInsightDto extends Pick<GroupInsight, "lagSeconds" | "lagSecondsExact" | "catchUpSeconds" | "consumeRate" | "produceRate"> {
  status: string;
}

/** The group as the broker described it. */
interface GroupFacts extends Pick<ConsumerGroupSnapshot, "groupId" | "state"> {
  /** as stored: "consumer" = KIP-848 group (state "Unknown", members not visible to Queuewatch's client), else "classic" */
  groupProtocol: string;
}

/** Lag totals of the group (lib/lag/compute-lag.ts summarizeGroupLag). */
type GroupLagTotals = Pick<GroupLagSummary, "totalLag" | "maxLag">;

export interface ConsumerGroupSummaryDto extends GroupInsightDto, GroupFacts, GroupLagTotals {
  /** number of members */
  members: number;
  topics: string[];
  polledAt: string;
}

export interface PartitionLagDto extends PartitionLag, Pick<PartitionInsight, "lagSeconds" | "lagSecondsExact"> {
  status: string;
}

export type GroupMemberDto = GroupMember;

export interface ConsumerGroupDetailDto extends GroupInsightDto, GroupFacts, GroupLagTotals, Pick<ConsumerGroupSnapshot, "protocol"> {
  /** number of members */
  members: number;
  memberDetails: GroupMemberDto[];
  polledAt: string;
  partitions: PartitionLagDto[];
}

export interface SeriesPointDto {
  t: string;
  v: number | null;
}

export interface LagSeriesDto {
  points: SeriesPointDto[];
  step: string;
  tier: "raw" | "1m" | "1h";
  from: string;
  to: string;
}

export interface ApiErrorDto {
  error: { code: string; message: string };
}

export interface SeriesDto {
  series: { labels: Record<string, string>; points: SeriesPointDto[] }[];
  step: string;
  tier: "raw" | "1m" | "1h";
}

export type BrokerDto = BrokerNode;

export interface BrokersDto {
  controller: number | null;
  brokers: BrokerDto[];
  polledAt: string | null;
}

export interface TopicSummaryDto extends Pick<TopicSnapshot, "name" | "internal" | "replicationFactor" | "underReplicatedPartitions" | "offlinePartitions"> {
  /** number of partitions */
  partitions: number;
  /** messages/s since the previous poll; null on the first poll */
  produceRate: number | null;
  consumerGroups: string[];
  polledAt: string;
}

export interface TopicPartitionDto extends TopicPartitionInfo {
  /** messages/s since the previous poll; null on the first poll or when unknown */
  produceRate: number | null;
}

export interface TopicConsumerDto {
  groupId: string;
  state: string;
  /** lag summed over this topic's partitions */
  lag: number | null;
  /** oldest unconsumed message on this topic, seconds */
  lagSeconds: number | null;
  /** false: lagSeconds is a lower bound */
  lagSecondsExact: boolean;
  status: string;
}

export interface TopicDetailDto extends Omit<TopicSummaryDto, "consumerGroups"> {
  partitionDetails: TopicPartitionDto[];
  consumers: TopicConsumerDto[];
}

export type QueueRefDto = QueueRef;

/**
 * A queue as the latest poll stored it (the snapshot's fields: depth and consumers null while the
 * broker keeps no figures for it; consumer capacity refreshed with the management data), plus:
 */
export interface QueueDto extends Omit<QueueSnapshot, "counters"> {
  /** messages/s since the previous poll, computed from the broker's counters; null when unknown */
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
  redeliverRate: number | null;
  /** messages/s dead-lettered into this queue (queues that receive dead letters only) */
  deadLetterInflowRate: number | null;
  /**
   * messages/s this queue dead-letters (rejected/expired without ack), only for queues with a dead-letter exchange:
   * publishes + dead-letter inflow - depth change - acks - no-ack deliveries, a lower bound (see README)
   */
  deadLetterOutRate: number | null;
  /** a dead-letter exchange is configured but dead letters reach no queue (missing exchange, or no binding matches) */
  deadLetterDropped: boolean;
  /** this queue's dead letters route back to itself, directly or through a cycle of dead-letter queues */
  deadLetterLoop: boolean;
  /** where this queue's dead letters go (the first target when several queues are bound) */
  deadLetterQueue: QueueRefDto | null;
  /** queues whose dead letters come here */
  deadLetterSources: QueueRefDto[];
  /** ready > 0 with no consumers for at least noConsumersAfterSeconds (the fact) */
  noConsumers: boolean;
  /** noConsumers, except false for a queue that is only a dead-letter target (a DLQ normally has no consumers) */
  noConsumersAlarm: boolean;
  noConsumersSince: string | null;
  /** depth trend rising over growthWindowSeconds; growthRate in messages/s when it is */
  growing: boolean;
  growthRate: number | null;
  polledAt: string;
}

export interface QueueDetailDto extends QueueDto {
  /** this queue's effective dead-letter settings and every queue they reach; null without a dead-letter exchange */
  deadLetter: {
    exchange: string;
    routingKey: string | null;
    /** "argument" (x-dead-letter-exchange) or "policy" */
    from: string;
    /** exact, by-original-key (depends on each message's routing key), headers, missing-exchange (dead letters are dropped) */
    routing: string;
    targets: QueueRefDto[];
  } | null;
}

/** A node's health as the collector stored it (the same shape as the broker snapshot). */
export type NodeDto = RabbitNodeSnapshot;

export interface NodesDto {
  nodes: NodeDto[];
  /** true when any node reports a network partition */
  partitioned: boolean;
  polledAt: string | null;
}

/** Problem severities of the triage overview, most urgent first. */
export const PROBLEM_SEVERITIES = ["critical", "warning"] as const;
export type ProblemSeverity = (typeof PROBLEM_SEVERITIES)[number];

/** What a triage problem is about; the UI links each to its page. */
export type ProblemSubjectDto =
  | { type: "cluster" }
  | { type: "group"; groupId: string }
  | { type: "topic"; topic: string }
  | { type: "queue"; vhost: string; name: string }
  | { type: "node"; node: string };

/** One problem of a cluster on the triage overview; numbers are raw, the UI formats them. */
export type OverviewProblemDto = { severity: ProblemSeverity; subject: ProblemSubjectDto } & (
  | { kind: "cluster-down"; downSince: string | null; lastError: string | null }
  | { kind: "cluster-stale"; staleReason: string }
  | { kind: "never-polled" }
  | { kind: "group-lag"; status: string; lagSeconds: number | null; lagSecondsExact: boolean; totalLag: number | null }
  | { kind: "offline-partitions"; partitions: number }
  | { kind: "under-replicated-partitions"; partitions: number }
  | { kind: "node-down" }
  | { kind: "node-alarm"; alarms: ("memory" | "disk")[] }
  | { kind: "network-partition"; unreachable: string[] }
  | { kind: "dead-letters-dropped" }
  | { kind: "dead-letter-loop" }
  | { kind: "no-consumers"; messagesReady: number | null; since: string | null }
  | { kind: "growing"; growthRate: number | null; messages: number | null }
  | { kind: "dead-letter-inflow"; rate: number }
);
export type OverviewProblemKind = OverviewProblemDto["kind"];

export interface ClusterOverviewDto {
  cluster: ClusterDto;
  /** most urgent first */
  problems: OverviewProblemDto[];
  /** true only for a cluster polled, current and with no problem at all */
  allClear: boolean;
  /** what the latest poll saw, so "all clear" can say over what */
  counts: { groups: number; topics: number; queues: number; nodes: number };
}

export interface OverviewDto {
  clusters: ClusterOverviewDto[];
  generatedAt: string;
}

export interface HealthDto {
  status: "ok" | "unavailable";
  /** why the status is not ok; empty when it is */
  reasons: string[];
  database: "ok" | "error";
  clusters: { id: string; status: ClusterStatus; lastPolledAt: string | null; pollIntervalSeconds: number; polledInTime: boolean }[];
  checkedAt: string;
}

export type RoleDto = "viewer" | "operator" | "admin";

/** Who the caller is (GET /api/v1/me). */
export interface MeDto {
  kind: "user" | "token";
  name: string;
  role: RoleDto;
  /** a local user can change their password; OIDC users and tokens cannot */
  canChangePassword: boolean;
}

export interface UserDto {
  id: string;
  username: string;
  role: RoleDto;
  source: "local" | "oidc";
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface TokenDto {
  id: string;
  name: string;
  /** the secret's first characters, to recognise it */
  prefix: string;
  role: RoleDto;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a token: the only time its secret is shown. */
export interface CreatedTokenDto {
  token: TokenDto;
  secret: string;
}

export interface AuditEventDto {
  id: string;
  at: string;
  actor: string;
  actorKind: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  result: "ok" | "denied" | "failed";
  message: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditPageDto {
  events: AuditEventDto[];
  /** pass as `before` for the next (older) page; null at the end */
  nextBefore: string | null;
}
