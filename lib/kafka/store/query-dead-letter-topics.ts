import "server-only";
// A Kafka cluster's dead-letter topics from the store: found by name in the latest poll's topics, with
// depth (the polled end offsets minus the log starts the dead-letter pass read), inflow (the topic's produce
// rate), where their messages came from (by name, and by the headers of the copies held) and top causes.
import type { KafkaClusterConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { DeadLetterOriginDto, DeadLetterSourceDto } from "@/lib/dlq/dead-letter-dto";
import { compileDeadLetterPatterns, DEFAULT_DEAD_LETTER_TOPIC_PATTERNS, findDeadLetterTopics } from "@/lib/dlq/dead-letter-topics";
import { sourceKeyOf } from "@/lib/dlq/source-key";
import { queryHeldCounts, queryTopCauses } from "@/lib/dlq/store/query-dead-letters";

const TOP_CAUSES = 5;

function endOffsets(partitionDetails: unknown): Map<number, number | null> {
  const out = new Map<number, number | null>();
  if (!Array.isArray(partitionDetails)) return out;
  for (const item of partitionDetails as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const { partition, endOffset } = item as { partition?: unknown; endOffset?: unknown };
    if (typeof partition === "number") out.set(partition, typeof endOffset === "number" ? endOffset : null);
  }
  return out;
}

export async function queryDeadLetterTopics(db: Db, cluster: KafkaClusterConfig): Promise<DeadLetterSourceDto[]> {
  const topics = await db.kafkaTopic.findMany({ where: { clusterId: cluster.id, internal: false }, orderBy: { name: "asc" } });
  const found = findDeadLetterTopics(topics.map((t) => t.name), compileDeadLetterPatterns(cluster.deadLetterTopics ?? DEFAULT_DEAD_LETTER_TOPIC_PATTERNS));
  if (found.length === 0) return [];
  const [cursors, held, causes] = await Promise.all([
    db.deadLetterCursor.findMany({ where: { clusterId: cluster.id, sourceKey: { startsWith: "topic:" } } }),
    queryHeldCounts(db, cluster.id),
    queryTopCauses(db, cluster.id, TOP_CAUSES),
  ]);
  const byName = new Map(topics.map((t) => [t.name, t]));
  return found.map((match): DeadLetterSourceDto => {
    const topic = byName.get(match.topic);
    const key = sourceKeyOf({ topic: match.topic });
    const starts = new Map(cursors.filter((c) => c.sourceKey === key).map((c) => [c.partition, Number(c.logStart)]));
    let depth: number | null = 0;
    for (const [partition, end] of endOffsets(topic?.partitionDetails)) {
      const start = starts.get(partition);
      depth = depth === null || end === null || start === undefined ? null : depth + Math.max(0, end - start);
    }
    const counts = held.get(key);
    const origins: DeadLetterOriginDto[] = match.sourceByName === null ? [] : [{ name: match.sourceByName, via: "name", count: null }];
    for (const original of counts?.originals ?? []) origins.push({ name: original.name, via: "headers", count: original.count });
    return {
      key, ref: { topic: match.topic }, type: "topic", depth,
      inflowRate: topic?.produceRate ?? null,
      origins, browse: "index",
      held: counts?.held ?? 0, waiting: counts?.dead ?? 0,
      topCauses: causes.get(key) ?? [],
      polledAt: topic?.polledAt.toISOString() ?? null,
    };
  });
}
