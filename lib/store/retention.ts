import "server-only";
import type { Db } from "@/lib/db/prisma";
import { dropExpiredPartitions, type PartitionManager } from "./partition-manager";
import { PARTITIONED_TABLES, partitionStartFromName, type PartitionedTable } from "./partitions";
import type { RetentionDays } from "./tiers";

const DAY_MS = 86_400_000;
/** Partitions are created this far ahead so a poll never waits on DDL at midnight. */
export const PARTITIONS_AHEAD_DAYS = 2;

export interface RetentionPassResult {
  dropped: string[];
  pollRunsDeleted: number;
}

/**
 * Drops whole partitions older than each tier's retention (no DELETE on the hot table),
 * creates the partitions of the coming days, and trims the poll history to the raw
 * retention.
 */
export async function runRetentionPass(db: Db, partitions: PartitionManager, nowMs: number, retention: RetentionDays): Promise<RetentionPassResult> {
  const dropped: string[] = [];
  for (const table of Object.keys(PARTITIONED_TABLES) as PartitionedTable[]) {
    const { tier } = PARTITIONED_TABLES[table];
    const names = await dropExpiredPartitions(db, table, nowMs - retention[tier] * DAY_MS);
    for (const name of names) {
      dropped.push(name);
      const start = partitionStartFromName(name, table);
      if (start !== null) partitions.forget(table, start);
    }
    await partitions.ensure(db, table, nowMs, nowMs + PARTITIONS_AHEAD_DAYS * DAY_MS);
  }
  const { count } = await db.pollRun.deleteMany({ where: { startedAt: { lt: new Date(nowMs - retention.raw * DAY_MS) } } });
  return { dropped, pollRunsDeleted: count };
}
