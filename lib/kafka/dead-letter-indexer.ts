import "server-only";
// The collector's copy of a Kafka cluster's dead-letter topics: after each poll, the records added since the
// last pass are read by offset (no consumer group, nothing changes in Kafka) and stored with their decoded
// context, so pages browse, search and group them from Postgres. Copies of records that retention removed
// from Kafka, and of topics that are no longer dead-letter topics, are dropped.
import type Cluster from "kafkajs/src/cluster";
import type { DeadLetterPass } from "@/lib/brokers/types";
import type { KafkaClusterConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { compileDeadLetterPatterns, DEFAULT_DEAD_LETTER_TOPIC_PATTERNS, findDeadLetterTopics } from "@/lib/dlq/dead-letter-topics";
import { deadLetterRow } from "@/lib/dlq/held-message";
import { sourceKeyOf } from "@/lib/dlq/source-key";
import { loadCursors, storeReadRange } from "@/lib/dlq/store/write-dead-letters";
import { kafkaClientOptions } from "./client-options";
import { heldKafkaRecord } from "./dead-letter-records";
import { createReaderCluster, readPartitionRange } from "./read-partition-range";
import type { TopicSnapshot } from "./types";

/** Bytes of an indexed payload kept in the store; the whole record stays in Kafka. */
export const INDEXED_PAYLOAD_BYTES = 1024 * 1024;
/** Records read per pass and cluster: a large backlog is indexed over several polls. */
const RECORDS_PER_PASS = 5000;
/** A partition with nothing new is still re-read this often, for its log start (retention) and the copies to drop. */
const LOG_START_REFRESH_MS = 5 * 60_000;

export function deadLetterTopicsOf(cluster: KafkaClusterConfig, topics: readonly TopicSnapshot[]) {
  const patterns = compileDeadLetterPatterns(cluster.deadLetterTopics ?? DEFAULT_DEAD_LETTER_TOPIC_PATTERNS);
  return findDeadLetterTopics(topics.filter((t) => !t.internal).map((t) => t.name), patterns);
}

export class KafkaDeadLetterIndexer {
  private reader: Cluster | null = null;

  constructor(private readonly cluster: KafkaClusterConfig) {}

  async index(db: Db, topics: readonly TopicSnapshot[], now: Date): Promise<DeadLetterPass> {
    try {
      return await this.indexOnce(db, topics, now);
    } catch (error) {
      // A moved leader or a restarted broker: the next pass starts with a fresh connection and metadata.
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  private async indexOnce(db: Db, topics: readonly TopicSnapshot[], now: Date): Promise<DeadLetterPass> {
    const byName = new Map(topics.map((t) => [t.name, t]));
    const found = deadLetterTopicsOf(this.cluster, topics);
    const keys = found.map((match) => sourceKeyOf({ topic: match.topic }));
    // Topics gone, or no longer matching a pattern: their copies and positions go too.
    await db.deadLetter.deleteMany({ where: { clusterId: this.cluster.id, holding: "index", sourceKey: { startsWith: "topic:", notIn: keys } } });
    await db.deadLetterCursor.deleteMany({ where: { clusterId: this.cluster.id, sourceKey: { startsWith: "topic:", notIn: keys } } });
    const allCursors = await loadCursors(db, this.cluster.id);
    let budget = RECORDS_PER_PASS;
    let stored = 0;
    let behind = 0;
    for (const match of found) {
      const sourceKey = sourceKeyOf({ topic: match.topic });
      const cursors = allCursors.get(sourceKey) ?? new Map();
      for (const partition of byName.get(match.topic)?.partitions ?? []) {
        const cursor = cursors.get(partition.partition);
        const from = cursor?.nextOffset ?? 0;
        // The poll already read the end offset: nothing new, no broker call (but now and then, the log start).
        const fresh = cursor !== undefined && now.getTime() - cursor.updatedAt.getTime() < LOG_START_REFRESH_MS;
        if (partition.endOffset === null || (fresh && from === partition.endOffset)) continue;
        if (budget <= 0) {
          behind += Math.max(0, partition.endOffset - from);
          continue;
        }
        const read = await readPartitionRange(this.reader ??= createReaderCluster(kafkaClientOptions(this.cluster)), { topic: match.topic, partition: partition.partition, from, limit: budget });
        budget -= read.records.length;
        behind += Math.max(0, read.logEnd - read.nextOffset);
        const rows = read.records.map((record) => deadLetterRow(heldKafkaRecord(partition.partition, record), "index", now, INDEXED_PAYLOAD_BYTES));
        const kept = { clusterId: this.cluster.id, sourceKey, holding: "index", partition: partition.partition };
        stored += await storeReadRange(db, this.cluster.id, sourceKey, rows, { partition: partition.partition, nextOffset: read.nextOffset, logStart: read.logStart }, now, (tx) =>
          // Offsets that started over belong to new records; below the log start the records are gone from Kafka.
          read.reset ? tx.deadLetter.deleteMany({ where: kept }) : tx.deadLetter.deleteMany({ where: { ...kept, offset: { lt: BigInt(read.logStart) } } }));
      }
    }
    return { sources: found.length, stored, behind };
  }

  async close(): Promise<void> {
    const reader = this.reader;
    this.reader = null;
    await reader?.disconnect();
  }
}
