// Pure time-bucket arithmetic for charts. Empty buckets are null: a gap means "we don't know".

export const NICE_STEPS_SECONDS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400] as const;

/**
 * Buckets are epoch-aligned and start at or after `from`: a bucket that began before `from`
 * would hold data from outside the asked range. The last bucket may still be in progress
 * (it holds data up to `to`).
 */
export function firstBucketStartMs(fromMs: number, stepSeconds: number): number {
  const stepMs = stepSeconds * 1000;
  return Math.ceil(fromMs / stepMs) * stepMs;
}

/** Number of epoch-aligned buckets starting in [from, to). */
export function bucketCount(fromMs: number, toMs: number, stepSeconds: number): number {
  const stepMs = stepSeconds * 1000;
  return Math.max(0, Math.ceil(toMs / stepMs) - firstBucketStartMs(fromMs, stepSeconds) / stepMs);
}

/**
 * The narrowest chart bucket for a cluster polled every `pollIntervalSeconds`: one and a half
 * intervals, because a sample's time drifts with the poll's duration, so buckets exactly one
 * interval wide are now and then skipped (every other one, at worst) — dots, not a line.
 */
export function minStepForPollInterval(pollIntervalSeconds: number): number {
  return pollIntervalSeconds * 1.5;
}

/**
 * The smallest nice step, at least `minStepSeconds`, whose aligned buckets covering the range
 * number at most maxPoints.
 */
export function chooseStepSeconds(fromMs: number, toMs: number, maxPoints: number, minStepSeconds = 1): number {
  const limit = Math.max(1, maxPoints);
  const nice = NICE_STEPS_SECONDS.find((step) => step >= minStepSeconds && bucketCount(fromMs, toMs, step) <= limit);
  if (nice !== undefined) return nice;
  let days = Math.max(1, Math.ceil(minStepSeconds / 86400), Math.ceil((toMs - fromMs) / 86_400_000 / limit));
  while (bucketCount(fromMs, toMs, days * 86400) > limit) days += 1;
  return days * 86400;
}

/** Bucket starts aligned to the epoch, in [from, to). */
export function bucketStarts(fromMs: number, toMs: number, stepSeconds: number): number[] {
  const stepMs = stepSeconds * 1000;
  const starts: number[] = [];
  for (let t = firstBucketStartMs(fromMs, stepSeconds); t < toMs; t += stepMs) starts.push(t);
  return starts;
}

/**
 * A value at a time: the one shape of a time point from the SQL bucket to the chart (epoch ms; v null
 * for "no data"). Only the API's JSON carries `t` as an ISO string (lib/api/time-points.ts).
 */
export interface TimePoint {
  t: number;
  v: number | null;
}

/** Lays sparse bucket values onto the full bucket grid; missing buckets become null. */
export function fillBuckets(fromMs: number, toMs: number, stepSeconds: number, values: ReadonlyMap<number, number | null>): TimePoint[] {
  return bucketStarts(fromMs, toMs, stepSeconds).map((t) => ({ t, v: values.get(t) ?? null }));
}

/** ISO-8601 duration for a step, e.g. 60 → "PT1M", 86400 → "P1D". */
export function isoStep(stepSeconds: number): string {
  if (stepSeconds % 86400 === 0) return `P${stepSeconds / 86400}D`;
  if (stepSeconds % 3600 === 0) return `PT${stepSeconds / 3600}H`;
  if (stepSeconds % 60 === 0) return `PT${stepSeconds / 60}M`;
  return `PT${stepSeconds}S`;
}
