// Pure rollup arithmetic: the reference the SQL in rollup.ts and query-series.ts mirrors.

export interface Aggregate {
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTs: number;
}

export const AGGREGATIONS = ["avg", "min", "max", "last", "sum", "count"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export function aggregateSamples(samples: readonly { ts: number; value: number }[]): Aggregate | null {
  let agg: Aggregate | null = null;
  for (const { ts, value } of samples) {
    if (agg === null) {
      agg = { min: value, max: value, sum: value, count: 1, last: value, lastTs: ts };
      continue;
    }
    agg.min = Math.min(agg.min, value);
    agg.max = Math.max(agg.max, value);
    agg.sum += value;
    agg.count += 1;
    if (ts >= agg.lastTs) {
      agg.last = value;
      agg.lastTs = ts;
    }
  }
  return agg;
}

/** Merges partial buckets (e.g. 60 one-minute rows into one hour): order does not matter. */
export function mergeAggregates(parts: readonly Aggregate[]): Aggregate | null {
  let merged: Aggregate | null = null;
  for (const part of parts) {
    if (merged === null) {
      merged = { ...part };
      continue;
    }
    merged.min = Math.min(merged.min, part.min);
    merged.max = Math.max(merged.max, part.max);
    merged.sum += part.sum;
    merged.count += part.count;
    if (part.lastTs >= merged.lastTs) {
      merged.last = part.last;
      merged.lastTs = part.lastTs;
    }
  }
  return merged;
}

export function aggregateValue(agg: Aggregate, kind: Aggregation): number {
  switch (kind) {
    case "avg":
      return agg.sum / agg.count;
    case "min":
      return agg.min;
    case "max":
      return agg.max;
    case "last":
      return agg.last;
    case "sum":
      return agg.sum;
    case "count":
      return agg.count;
  }
}

/** Groups samples into epoch-aligned buckets of `stepSeconds`. */
export function rollupSamples(samples: readonly { ts: number; value: number }[], stepSeconds: number): Map<number, Aggregate> {
  const stepMs = stepSeconds * 1000;
  const byBucket = new Map<number, { ts: number; value: number }[]>();
  for (const sample of samples) {
    const bucket = Math.floor(sample.ts / stepMs) * stepMs;
    const list = byBucket.get(bucket) ?? [];
    list.push(sample);
    byBucket.set(bucket, list);
  }
  const result = new Map<number, Aggregate>();
  for (const [bucket, list] of [...byBucket.entries()].sort((a, b) => a[0] - b[0])) {
    const agg = aggregateSamples(list);
    if (agg) result.set(bucket, agg);
  }
  return result;
}
