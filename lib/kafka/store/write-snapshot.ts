import "server-only";
import type { DbTransaction } from "@/lib/db/prisma";
import { summarizeGroupLag } from "@/lib/lag/compute-lag";
import type { GroupInsight, TopicRates } from "@/lib/lag/lag-tracker";
import type { ConsumerGroupSnapshot } from "@/lib/lag/types";
import { toBigInt } from "@/lib/store/bigint";
import { BULK_STATEMENT_ROWS, chunks } from "@/lib/util/chunks";
import type { KafkaCollectResult } from "../types";

/** A Kafka poll and what the lag tracker derived from it, ready to store. */
export interface KafkaSnapshot {
  result: KafkaCollectResult;
  /** messages/s produced per topic and partition since the previous poll */
  produceRates: ReadonlyMap<string, TopicRates>;
  insights: readonly GroupInsight[];
}

/**
 * Replaces a Kafka cluster's snapshot (brokers, topics, groups, group partitions) inside the poll's
 * transaction. Partition rows can number in the hundreds of thousands: unnest chunks, not createMany.
 */
export async function writeKafkaSnapshot(tx: DbTransaction, clusterId: string, polledAt: Date, snapshot: KafkaSnapshot): Promise<void> {
  const { result: { brokers, topics, consumerGroups }, produceRates, insights } = snapshot;
  await tx.kafkaBroker.deleteMany({ where: { clusterId } });
  await tx.kafkaBroker.createMany({ data: brokers.map((b) => ({ clusterId, nodeId: b.nodeId, host: b.host, port: b.port, isController: b.isController, polledAt })) });
  await tx.kafkaTopic.deleteMany({ where: { clusterId } });
  await tx.kafkaTopic.createMany({
    data: topics.map((t) => ({
      clusterId,
      name: t.name,
      internal: t.internal,
      partitions: t.partitions.length,
      replicationFactor: t.replicationFactor,
      underReplicatedPartitions: t.underReplicatedPartitions,
      offlinePartitions: t.offlinePartitions,
      produceRate: produceRates.get(t.name)?.perSecond ?? null,
      partitionDetails: t.partitions.map((p) => ({ ...p, produceRate: produceRates.get(t.name)?.partitions.get(p.partition) ?? null })),
      polledAt,
    })),
  });
  await tx.partitionOffset.deleteMany({ where: { clusterId } });
  await tx.consumerGroup.deleteMany({ where: { clusterId } });
  const insightOf = new Map(insights.map((i) => [i.groupId, i]));
  await tx.consumerGroup.createMany({ data: consumerGroups.map((group) => groupRow(clusterId, polledAt, group, insightOf.get(group.groupId))) });

  const rows = consumerGroups.flatMap((g) => {
    const byPartition = new Map(insightOf.get(g.groupId)?.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p]) ?? []);
    return g.partitions.map((p) => {
      const insight = byPartition.get(`${p.topic}\u0000${p.partition}`);
      return { groupId: g.groupId, ...p, lagSeconds: insight?.lagSeconds ?? null, exact: insight?.lagSecondsExact ?? true, status: insight?.status ?? "UNKNOWN" };
    });
  });
  for (const chunk of chunks(rows, BULK_STATEMENT_ROWS)) {
    await tx.$executeRaw`
      INSERT INTO partition_offsets (cluster_id, group_id, topic, partition, committed_offset, end_offset, lag, lag_seconds, lag_seconds_exact, status, polled_at)
      SELECT ${clusterId}, g, t, p, c, e, l, ls, lx, st, ${polledAt}
      FROM unnest(${chunk.map((r) => r.groupId)}::text[], ${chunk.map((r) => r.topic)}::text[], ${chunk.map((r) => r.partition)}::int[],
                  ${chunk.map((r) => r.committedOffset)}::bigint[], ${chunk.map((r) => r.endOffset)}::bigint[], ${chunk.map((r) => r.lag)}::bigint[],
                  ${chunk.map((r) => r.lagSeconds)}::float8[], ${chunk.map((r) => r.exact)}::bool[], ${chunk.map((r) => r.status)}::text[])
           AS u(g, t, p, c, e, l, ls, lx, st)`;
  }
}

function groupRow(clusterId: string, polledAt: Date, group: ConsumerGroupSnapshot, insight: GroupInsight | undefined) {
  const { totalLag, maxLag } = summarizeGroupLag(group.partitions);
  return {
    clusterId,
    groupId: group.groupId,
    state: group.state,
    protocol: group.protocol,
    members: group.members.length,
    groupProtocol: group.groupProtocol,
    membersDetail: group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.host, assignment: m.assignment.map((a) => ({ topic: a.topic, partitions: [...a.partitions] })) })),
    totalLag: toBigInt(totalLag),
    maxLag: toBigInt(maxLag),
    topics: [...new Set(group.partitions.map((p) => p.topic))],
    status: insight?.status ?? "UNKNOWN",
    lagSeconds: insight?.lagSeconds ?? null,
    lagSecondsExact: insight?.lagSecondsExact ?? true,
    catchUpSeconds: insight?.catchUpSeconds ?? null,
    consumeRate: insight?.consumeRate ?? null,
    produceRate: insight?.produceRate ?? null,
    polledAt,
  };
}
