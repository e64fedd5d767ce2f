// Pure partition arithmetic for the time-partitioned store tables.

export type PartitionWidth = "day" | "month";

/** Each partitioned table, the width of its partitions and the tier whose retention applies. */
export const PARTITIONED_TABLES = {
  samples: { width: "day", tier: "raw" },
  rollup_1m: { width: "day", tier: "1m" },
  rollup_1h: { width: "month", tier: "1h" },
} as const satisfies Record<string, { width: PartitionWidth; tier: "raw" | "1m" | "1h" }>;
export type PartitionedTable = keyof typeof PARTITIONED_TABLES;

export interface Range {
  start: number;
  end: number;
}

export function partitionRange(ts: number, width: PartitionWidth): Range {
  const d = new Date(ts);
  if (width === "day") {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return { start, end: start + 86_400_000 };
  }
  return { start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), end: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
}

/** Partition ranges that together cover [fromMs, toMs]. */
export function partitionRangesCovering(fromMs: number, toMs: number, width: PartitionWidth): Range[] {
  const ranges: Range[] = [];
  for (let range = partitionRange(fromMs, width); range.start <= toMs; range = partitionRange(range.end, width)) ranges.push(range);
  return ranges;
}

/** Start of a partition from its name (`<parent>_pYYYYMMDD`), or null if it is not one of ours. */
export function partitionStartFromName(name: string, parent: string): number | null {
  const match = new RegExp(`^${parent}_p(\\d{4})(\\d{2})(\\d{2})$`).exec(name);
  if (!match) return null;
  const [, y, m, d] = match;
  return Date.UTC(Number(y), Number(m) - 1, Number(d));
}

/** Partitions whose whole range is older than the cutoff: safe to drop. */
export function expiredPartitions(names: readonly string[], parent: string, width: PartitionWidth, cutoffMs: number): string[] {
  return names.filter((name) => {
    const start = partitionStartFromName(name, parent);
    return start !== null && partitionRange(start, width).end <= cutoffMs;
  }).sort();
}
