// Pure time-bucket arithmetic for charts. Empty buckets are null: a gap means "we don't know".

export const NICE_STEPS_SECONDS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400] as const;

/** Number of epoch-aligned buckets that cover [from, to). */
export function bucketCount(fromMs: number, toMs: number, stepSeconds: number): number {
  const stepMs = stepSeconds * 1000;
  return Math.max(0, Math.ceil(toMs / stepMs) - Math.floor(fromMs / stepMs));
}

/** The smallest nice step whose aligned buckets covering the range number at most maxPoints. */
export function chooseStepSeconds(fromMs: number, toMs: number, maxPoints: number): number {
  const limit = Math.max(1, maxPoints);
  const nice = NICE_STEPS_SECONDS.find((step) => bucketCount(fromMs, toMs, step) <= limit);
  if (nice !== undefined) return nice;
  let days = Math.ceil((toMs - fromMs) / 86_400_000 / limit);
  while (bucketCount(fromMs, toMs, days * 86400) > limit) days += 1;
  return days * 86400;
}

/** Bucket starts aligned to the epoch, covering [from, to). */
export function bucketStarts(fromMs: number, toMs: number, stepSeconds: number): number[] {
  const stepMs = stepSeconds * 1000;
  const first = Math.floor(fromMs / stepMs) * stepMs;
  const starts: number[] = [];
  for (let t = first; t < toMs; t += stepMs) starts.push(t);
  return starts;
}

export interface Point {
  t: string;
  v: number | null;
}

/** Lays sparse bucket values onto the full bucket grid; missing buckets become null. */
export function fillBuckets(fromMs: number, toMs: number, stepSeconds: number, values: ReadonlyMap<number, number | null>): Point[] {
  return bucketStarts(fromMs, toMs, stepSeconds).map((t) => ({ t: new Date(t).toISOString(), v: values.get(t) ?? null }));
}

/** ISO-8601 duration for a step, e.g. 60 → "PT1M", 86400 → "P1D". */
export function isoStep(stepSeconds: number): string {
  if (stepSeconds % 86400 === 0) return `P${stepSeconds / 86400}D`;
  if (stepSeconds % 3600 === 0) return `PT${stepSeconds / 3600}H`;
  if (stepSeconds % 60 === 0) return `PT${stepSeconds / 60}M`;
  return `PT${stepSeconds}S`;
}
