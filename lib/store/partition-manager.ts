import "server-only";
import type { Db } from "@/lib/db/prisma";
import { expiredPartitions, partitionRangesCovering, PARTITIONED_TABLES, type PartitionedTable, type Range } from "./partitions";

/** Creates (if missing) the partitions of `table` covering [fromMs, toMs]; remembers what exists. */
export class PartitionManager {
  private readonly known = new Set<string>();

  async ensure(db: Db, table: PartitionedTable, fromMs: number, toMs: number): Promise<void> {
    for (const range of partitionRangesCovering(fromMs, toMs, PARTITIONED_TABLES[table].width)) {
      const key = `${table}:${range.start}`;
      if (this.known.has(key)) continue;
      await ensurePartition(db, table, range);
      this.known.add(key);
    }
  }

  forget(table: PartitionedTable, start: number): void {
    this.known.delete(`${table}:${start}`);
  }
}

async function ensurePartition(db: Db, table: PartitionedTable, range: Range): Promise<void> {
  await db.$queryRaw`SELECT qw_ensure_partition(${table}, ${new Date(range.start)}::timestamptz, ${new Date(range.end)}::timestamptz)`;
}

export async function listPartitions(db: Db, table: PartitionedTable): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = ${table}::regclass ORDER BY 1`;
  return rows.map((r) => r.name);
}

/** Drops whole partitions of `table` that ended before the cutoff; returns their names. */
export async function dropExpiredPartitions(db: Db, table: PartitionedTable, cutoffMs: number): Promise<string[]> {
  const doomed = expiredPartitions(await listPartitions(db, table), table, PARTITIONED_TABLES[table].width, cutoffMs);
  for (const name of doomed) {
    // The name came from the catalog and matched our `<table>_pYYYYMMDD` pattern.
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
  }
  return doomed;
}
