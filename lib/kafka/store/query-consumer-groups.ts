import "server-only";
import { toNumber } from "@/lib/store/bigint";
import type { ConsumerGroup } from "@prisma/client";
import type { ConsumerGroupDetailDto, ConsumerGroupSummaryDto, GroupInsightDto, GroupMemberDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";

function insightOf(row: ConsumerGroup): GroupInsightDto {
  return {
    status: row.status,
    lagSeconds: row.lagSeconds,
    lagSecondsExact: row.lagSecondsExact,
    catchUpSeconds: row.catchUpSeconds,
    consumeRate: row.consumeRate,
    produceRate: row.produceRate,
  };
}

function isMember(value: unknown): value is GroupMemberDto {
  return typeof value === "object" && value !== null && "memberId" in value && "assignment" in value && Array.isArray((value as { assignment: unknown }).assignment);
}

function membersOf(row: ConsumerGroup): GroupMemberDto[] {
  const members: GroupMemberDto[] = [];
  if (Array.isArray(row.membersDetail)) for (const item of row.membersDetail) if (isMember(item)) members.push(item);
  return members;
}

/** Groups of a cluster as of the latest completed poll. */
export async function queryConsumerGroups(db: Db, clusterId: string): Promise<ConsumerGroupSummaryDto[]> {
  const rows = await db.consumerGroup.findMany({ where: { clusterId }, orderBy: { groupId: "asc" } });
  return rows.map((row) => ({
    groupId: row.groupId,
    groupProtocol: row.groupProtocol,
    state: row.state,
    members: row.members,
    totalLag: toNumber(row.totalLag),
    maxLag: toNumber(row.maxLag),
    topics: row.topics,
    polledAt: row.polledAt.toISOString(),
    ...insightOf(row),
  }));
}

/** One group with its per-partition offsets, or null when the latest poll did not see it. */
export async function queryConsumerGroup(db: Db, clusterId: string, groupId: string): Promise<ConsumerGroupDetailDto | null> {
  const [group, partitions] = await Promise.all([
    db.consumerGroup.findUnique({ where: { clusterId_groupId: { clusterId, groupId } } }),
    db.partitionOffset.findMany({ where: { clusterId, groupId }, orderBy: [{ topic: "asc" }, { partition: "asc" }] }),
  ]);
  if (!group) return null;
  return {
    groupId: group.groupId,
    groupProtocol: group.groupProtocol,
    state: group.state,
    protocol: group.protocol,
    members: group.members,
    totalLag: toNumber(group.totalLag),
    maxLag: toNumber(group.maxLag),
    polledAt: group.polledAt.toISOString(),
    ...insightOf(group),
    memberDetails: membersOf(group),
    partitions: partitions.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      committedOffset: toNumber(p.committedOffset),
      endOffset: Number(p.endOffset),
      lag: toNumber(p.lag),
      lagSeconds: p.lagSeconds,
      lagSecondsExact: p.lagSecondsExact,
      status: p.status,
    })),
  };
}
