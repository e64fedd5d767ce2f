import "server-only";
import type { Db } from "@/lib/db/prisma";
import { KAFKA_METRICS } from "@/lib/kafka/kafka-series";
import type { EndOffsetPoint } from "@/lib/lag/time-lag";

export interface EndOffsetHistory {
  topic: string;
  partition: number;
  points: EndOffsetPoint[];
}

/**
 * End-offset history of every partition of a cluster since `sinceMs` (the collector writes
 * `kafka_end_offset` for every partition it reads, not only those a group reads), from raw
 * samples, keeping the first and the last point of each stretch where the offset held still
 * — the last one dates the next message, as in the collector's own history. Seeds the
 * collector's lag-in-seconds history after a restart.
 */
export async function loadEndOffsetHistory(db: Db, clusterId: string, sinceMs: number): Promise<EndOffsetHistory[]> {
  const rows = await db.$queryRaw<{ topic: string; partition: string; ts: Date; value: number }[]>`
    SELECT s.labels->>'topic' AS topic, s.labels->>'partition' AS partition, x.ts, x.value
    FROM (
      SELECT series_id, ts, value,
             lag(value) OVER (PARTITION BY series_id ORDER BY ts) AS previous,
             lead(value) OVER (PARTITION BY series_id ORDER BY ts) AS next
      FROM samples
      WHERE ts >= ${new Date(sinceMs)}
        AND series_id IN (SELECT id FROM series WHERE cluster_id = ${clusterId} AND metric = ${KAFKA_METRICS.endOffset})
    ) x
    JOIN series s ON s.id = x.series_id
    WHERE x.previous IS DISTINCT FROM x.value OR x.next IS DISTINCT FROM x.value
    ORDER BY 1, 2, x.ts`;
  const byPartition = new Map<string, EndOffsetHistory>();
  for (const row of rows) {
    const key = `${row.topic}\u0000${row.partition}`;
    const entry = byPartition.get(key) ?? { topic: row.topic, partition: Number(row.partition), points: [] };
    entry.points.push({ ts: new Date(row.ts).getTime(), endOffset: Number(row.value) });
    byPartition.set(key, entry);
  }
  return [...byPartition.values()];
}
