/**
 * Splits items into consecutive slices of at most `size`. Bulk statements are sent in such
 * slices: Prisma serializes a raw query's parameters to JSON and its query compiler's memory
 * grows to fit the largest one it ever saw, so one 300,000-row statement cost the collector
 * hundreds of MB that never came back (npm run bench:kafka).
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per bulk statement on the write path (samples, new series, partition snapshots). */
export const BULK_STATEMENT_ROWS = 10_000;
