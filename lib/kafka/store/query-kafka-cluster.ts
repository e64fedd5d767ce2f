import "server-only";
import type { KafkaTopic } from "@prisma/client";
import type { BrokersDto, TopicDetailDto, TopicPartitionDto, TopicSummaryDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";
import { oldestByLagSeconds, summarizeGroupLag } from "@/lib/lag/compute-lag";
import { evaluateGroupStatus, PARTITION_STATUSES, type PartitionStatus } from "@/lib/lag/evaluate-status";

const toPartitionStatus = (value: string): PartitionStatus => PARTITION_STATUSES.find((s) => s === value) ?? "UNKNOWN";

/** Brokers and controller as of the latest completed poll. */
export async function queryBrokers(db: Db, clusterId: string): Promise<BrokersDto> {
  const rows = await db.kafkaBroker.findMany({ where: { clusterId }, orderBy: { nodeId: "asc" } });
  return {
    controller: rows.find((r) => r.isController)?.nodeId ?? null,
    brokers: rows.map((r) => ({ nodeId: r.nodeId, host: r.host, port: r.port, isController: r.isController })),
    polledAt: rows[0]?.polledAt.toISOString() ?? null,
  };
}

function summary(row: KafkaTopic): Omit<TopicSummaryDto, "consumerGroups"> {
  return {
    name: row.name,
    internal: row.internal,
    partitions: row.partitions,
    replicationFactor: row.replicationFactor,
    underReplicatedPartitions: row.underReplicatedPartitions,
    offlinePartitions: row.offlinePartitions,
    produceRate: row.produceRate,
    polledAt: row.polledAt.toISOString(),
  };
}

/** Topics with health, throughput and the groups consuming them. */
export async function queryTopics(db: Db, clusterId: string): Promise<TopicSummaryDto[]> {
  const [topics, groups] = await Promise.all([
    db.kafkaTopic.findMany({ where: { clusterId }, orderBy: { name: "asc" } }),
    db.consumerGroup.findMany({ where: { clusterId }, select: { groupId: true, topics: true } }),
  ]);
  return topics.map((row) => ({ ...summary(row), consumerGroups: groups.filter((g) => g.topics.includes(row.name)).map((g) => g.groupId).sort() }));
}

/** As stored in kafka_topics.partition_details; rows written before per-partition rates lack produceRate. */
type StoredPartitionDetail = Omit<TopicPartitionDto, "produceRate"> & { produceRate?: number | null };

function isPartitionDetail(value: unknown): value is StoredPartitionDetail {
  return typeof value === "object" && value !== null && "partition" in value && "leader" in value;
}

/** One topic with its partitions and per-group lag on it, or null when the latest poll did not see it. */
export async function queryTopic(db: Db, clusterId: string, name: string): Promise<TopicDetailDto | null> {
  const row = await db.kafkaTopic.findUnique({ where: { clusterId_name: { clusterId, name } } });
  if (!row) return null;
  const [partitions, groups] = await Promise.all([
    db.partitionOffset.findMany({ where: { clusterId, topic: name } }),
    db.consumerGroup.findMany({ where: { clusterId, topics: { has: name } }, select: { groupId: true, state: true } }),
  ]);
  const consumers = groups.map((group) => {
    const own = partitions.filter((p) => p.groupId === group.groupId);
    const oldest = oldestByLagSeconds(own);
    return {
      groupId: group.groupId,
      state: group.state,
      lag: summarizeGroupLag(own.map((p) => ({ lag: p.lag === null ? null : Number(p.lag) }))).totalLag,
      lagSeconds: oldest?.lagSeconds ?? null,
      lagSecondsExact: oldest?.lagSecondsExact ?? true,
      status: evaluateGroupStatus(own.map((p) => toPartitionStatus(p.status))),
    };
  }).sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
  const details: TopicPartitionDto[] = [];
  if (Array.isArray(row.partitionDetails)) for (const item of row.partitionDetails as unknown[]) if (isPartitionDetail(item)) details.push({ ...item, produceRate: item.produceRate ?? null });
  return { ...summary(row), partitionDetails: details, consumers };
}
