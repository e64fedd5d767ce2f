import "server-only";
import { cache } from "react";
import { getPrisma } from "@/lib/db/prisma";
import { groupHasHistory } from "./query-group-lag";

/** A group of the latest poll, or one that has gone but still has lag history to show. */
export const consumerGroupExists = cache(async (clusterId: string, groupId: string): Promise<boolean> => {
  const db = getPrisma();
  const row = await db.consumerGroup.findUnique({ where: { clusterId_groupId: { clusterId, groupId } }, select: { groupId: true } });
  return row !== null || (await groupHasHistory(db, clusterId, groupId));
});

export const topicExists = cache(async (clusterId: string, name: string): Promise<boolean> => {
  const row = await getPrisma().kafkaTopic.findUnique({ where: { clusterId_name: { clusterId, name } }, select: { name: true } });
  return row !== null;
});
