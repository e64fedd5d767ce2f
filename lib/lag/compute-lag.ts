// Pure consumer-lag arithmetic. Offsets are JS numbers: Kafka offsets are int64, but a
// partition would need 2^53 messages before precision is lost.

export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** null when the group has never committed an offset for this partition */
  committedOffset: number | null;
  endOffset: number;
}

export interface PartitionLag extends PartitionOffsets {
  /** null when there is no committed offset: unknown, not zero and not the whole log */
  lag: number | null;
}

export interface GroupLagSummary {
  /** sum over partitions with a known lag; null when no partition has one */
  totalLag: number | null;
  maxLag: number | null;
  /** partitions whose lag is unknown (no committed offset) */
  unknownPartitions: number;
}

/**
 * Lag = end offset − committed offset. A committed offset past the end (possible briefly
 * after a topic is truncated or between two unsynchronised reads) clamps to 0 rather
 * than reporting negative lag.
 */
export function computePartitionLag(committedOffset: number | null, endOffset: number): number | null {
  if (committedOffset === null || committedOffset < 0) return null;
  return Math.max(0, endOffset - committedOffset);
}

export function withLag(offsets: PartitionOffsets): PartitionLag {
  return { ...offsets, lag: computePartitionLag(offsets.committedOffset, offsets.endOffset) };
}

export function summarizeGroupLag(partitions: readonly { lag: number | null }[]): GroupLagSummary {
  let totalLag: number | null = null;
  let maxLag: number | null = null;
  let unknownPartitions = 0;
  for (const { lag } of partitions) {
    if (lag === null) {
      unknownPartitions += 1;
      continue;
    }
    totalLag = (totalLag ?? 0) + lag;
    maxLag = maxLag === null ? lag : Math.max(maxLag, lag);
  }
  return { totalLag, maxLag, unknownPartitions };
}

/** Kafka's OffsetFetch answers -1 for "no committed offset"; map that to null. */
export function parseCommittedOffset(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === "") return null;
  const value = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(value) || value < 0) return null;
  return value;
}

/** The entry with the largest known lagSeconds (ties keep the first), or null if none is known. */
export function oldestByLagSeconds<T extends { lagSeconds: number | null }>(items: readonly T[]): T | null {
  let oldest: T | null = null;
  for (const item of items) {
    if (item.lagSeconds !== null && (oldest === null || item.lagSeconds > (oldest.lagSeconds ?? 0))) oldest = item;
  }
  return oldest;
}

export function compareByTopicPartition(a: { topic: string; partition: number }, b: { topic: string; partition: number }): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  return a.partition - b.partition;
}
