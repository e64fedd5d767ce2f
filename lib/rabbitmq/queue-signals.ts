/**
 * Per-poll queue signals derived from depth and consumer counts: "no consumers while messages wait" and "growing".
 * Pure: the caller passes the clock and keeps the state (`previousSince`, a DepthWindows) between polls.
 */

/** Start of the current stretch with ready > 0 and 0 consumers, or null when not in such a stretch. */
export function noConsumersSince(previousSince: number | null, ready: number, consumers: number, nowMs: number): number | null {
  if (ready <= 0 || consumers > 0) return null;
  return previousSince ?? nowMs;
}

/** "Queue has no consumers": the stretch started at `since` has lasted at least `thresholdMs` at `atMs`. */
export function noConsumersFor(since: number | null, atMs: number, thresholdMs: number): boolean {
  return since !== null && atMs - since >= thresholdMs;
}

/**
 * "No consumers" as an alarm: a queue that only receives dead letters (a DLQ nobody publishes to) normally has no
 * consumer, so it raises none; the fact stays shown. A DLQ that also gets direct publishes alarms like any queue.
 */
export function noConsumersAlarm(noConsumers: boolean, isDeadLetterTarget: boolean, publishRate: number | null): boolean {
  const onlyDeadLetterTarget = isDeadLetterTarget && (publishRate ?? 0) === 0;
  return noConsumers && !onlyDeadLetterTarget;
}

/**
 * "Ready messages nobody consumes" as a series value, with no time threshold (an alert rule's `for` gives that):
 * messages_ready while the queue has no consumer, else 0; 0 too where noConsumersAlarm makes its dead-letter exception.
 * null (no sample) while ready or consumers are unknown.
 */
export function readyWithoutConsumers(ready: number | null, consumers: number | null, isDeadLetterTarget: boolean, publishRate: number | null): number | null {
  if (ready === null || consumers === null) return null;
  return noConsumersAlarm(consumers === 0, isDeadLetterTarget, publishRate) ? ready : 0;
}

export interface DepthPoint {
  ts: number;
  depth: number;
}

/** Least-squares slope of depth over time, in messages/s; null when all points share one timestamp. */
function leastSquaresSlope(points: readonly DepthPoint[]): number | null {
  const n = points.length;
  const meanT = points.reduce((sum, p) => sum + p.ts, 0) / n;
  const meanD = points.reduce((sum, p) => sum + p.depth, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.ts - meanT) * (p.depth - meanD);
    variance += (p.ts - meanT) ** 2;
  }
  return variance === 0 ? null : (covariance / variance) * 1000;
}

/**
 * Depth trend over the window ending at nowMs, judged from >= 3 points inside it that span >= half the window (else null:
 * too little to judge). Growing means a least-squares slope > 0 (messages/s) AND the last depth > the first depth in the
 * window; returns the slope then, else 0. A flat or falling or noisy-but-not-rising queue is not growing.
 * The slope alone would flag a sawtooth that happened to end high in its cycle; the end-above-start check filters those.
 */
export function depthGrowthRate(points: readonly DepthPoint[], windowMs: number, nowMs: number): number | null {
  const inside = points.filter((p) => p.ts >= nowMs - windowMs && p.ts <= nowMs).sort((a, b) => a.ts - b.ts);
  const first = inside[0];
  const last = inside[inside.length - 1];
  if (!first || !last || inside.length < 3 || last.ts - first.ts < windowMs / 2) return null;
  if (last.depth <= first.depth) return 0;
  const slope = leastSquaresSlope(inside);
  return slope === null ? null : Math.max(0, slope);
}

/** "Queue is growing": depthGrowthRate when above 0, else null (not growing, or not judged). */
export function growthRate(points: readonly DepthPoint[], windowMs: number, nowMs: number): number | null {
  const rate = depthGrowthRate(points, windowMs, nowMs);
  return rate !== null && rate > 0 ? rate : null;
}

/** Keeps a bounded per-queue depth window for growthRate; drops points older than windowMs; forget queues not seen. */
export class DepthWindows {
  private readonly windows = new Map<string, DepthPoint[]>();

  constructor(private readonly windowMs: number) {}

  /** Adds a point and returns the queue's window, oldest first, trimmed to windowMs before its newest point. */
  observe(key: string, point: DepthPoint): DepthPoint[] {
    const points = [...(this.windows.get(key) ?? []), point].sort((a, b) => a.ts - b.ts);
    const newest = points[points.length - 1]?.ts ?? point.ts;
    const kept = points.filter((p) => p.ts >= newest - this.windowMs);
    this.windows.set(key, kept);
    return [...kept];
  }

  /** Forgets queues that were not in the latest listing (deleted queues must not pin memory). */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of this.windows.keys()) if (!keys.has(key)) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
