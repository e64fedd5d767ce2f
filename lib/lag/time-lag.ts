// Lag in seconds from the history of a partition's end offset (kafka-lag-exporter's
// method, fixed for its known failures): how long ago the message at the committed
// offset was produced. Pure: history and `now` in, estimate out.

export interface EndOffsetPoint {
  /** epoch ms */
  ts: number;
  endOffset: number;
}

export interface TimeLag {
  seconds: number;
  /** false when the committed offset is older than the whole history: `seconds` is then a lower bound */
  exact: boolean;
}

/**
 * - caught up (committed ≥ end) → 0, whatever the producer does;
 * - behind an idle producer → grows with wall time (the message really is that old);
 * - after a rewind → the age of the rewound-to message, if the history reaches back to it.
 * The message at offset `committed` appeared when the end offset first passed it; between
 * two polls its arrival time is interpolated linearly by offset, at the middle of its share
 * of the interval (the k-th of n messages arrives on average (k − ½)/n of the way through;
 * the end of its share made every age read about half a message interval low).
 * `history` is oldest first and before `nowMs` (as LagTracker keeps it); `now` closes it. It is
 * scanned in place from the newest point back (a consumer is usually near the end): this runs
 * for every group partition on every poll. After a topic was recreated, the latest stretch wins.
 */
export function estimateLagSeconds(committed: number | null, currentEnd: number, history: readonly EndOffsetPoint[], nowMs: number): TimeLag | null {
  if (committed === null) return null;
  if (committed >= currentEnd) return { seconds: 0, exact: true };
  let i = history.length - 1;
  while (i >= 0 && (history[i] as EndOffsetPoint).endOffset > committed) i -= 1;
  const before = history[i];
  // past `committed`, since committed < currentEnd
  const after: EndOffsetPoint = history[i + 1] ?? { ts: nowMs, endOffset: currentEnd };
  if (before === undefined) return { seconds: Math.max(0, (nowMs - after.ts) / 1000), exact: false };
  const fraction = (committed - before.endOffset + 0.5) / (after.endOffset - before.endOffset);
  const producedAt = before.ts + Math.min(1, Math.max(0, fraction)) * (after.ts - before.ts);
  return { seconds: Math.max(0, (nowMs - producedAt) / 1000), exact: true };
}

/**
 * The end offset at `ts`, interpolated linearly between the history's points (and `current`,
 * the present); before the history's start, its first value. Scanned in place from the newest point back.
 */
export function endOffsetAt(history: readonly EndOffsetPoint[], current: EndOffsetPoint, ts: number): number {
  let i = history.length - 1;
  while (i >= 0 && (history[i] as EndOffsetPoint).ts > ts) i -= 1;
  const before = history[i];
  const after = history[i + 1] ?? current;
  if (before === undefined || ts >= after.ts) return after.endOffset;
  return before.endOffset + ((after.endOffset - before.endOffset) * (ts - before.ts)) / (after.ts - before.ts);
}

/**
 * Thins an end-offset history so memory stays bounded however long a partition is busy:
 * every point of the last `exactMs` stays; older points are kept no closer than 1/`resolution`
 * of their age, so interpolated produce times err by at most that share of a message's age
 * (and not at all while production is steady). The oldest point before `cutoffMs` that the
 * history still needs (the one just before the cutoff) is kept, older ones dropped.
 */
export function thinEndOffsetHistory(history: readonly EndOffsetPoint[], nowMs: number, options: { exactMs: number; resolution: number; cutoffMs: number }): EndOffsetPoint[] {
  let start = 0;
  while (start < history.length - 2 && (history[start + 1]?.ts ?? Infinity) < options.cutoffMs) start += 1;
  const kept: EndOffsetPoint[] = [];
  for (let i = start; i < history.length; i += 1) {
    const point = history[i] as EndOffsetPoint;
    const previous = kept[kept.length - 1];
    const next = history[i + 1];
    const age = nowMs - point.ts;
    const droppable = previous !== undefined && next !== undefined && age > options.exactMs && next.ts - previous.ts <= age / options.resolution;
    if (!droppable) kept.push(point);
  }
  return kept;
}

export interface RatePoint {
  ts: number;
  /** sum of committed offsets (group) or the committed offset (partition) */
  committed: number;
  /** sum of end offsets over the same partitions */
  end: number;
}

export interface CatchUpEstimate {
  consumeRate: number | null;
  produceRate: number | null;
  /** seconds until lag reaches zero at current rates; null = not catching up (or unknown) */
  seconds: number | null;
}

/** Time to catch up from consumption vs production rate over the window. */
export function estimateCatchUp(window: readonly RatePoint[], lag: number | null): CatchUpEstimate {
  const sorted = [...window].sort((a, b) => a.ts - b.ts);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (lag === 0) return { ...rates(first, last), seconds: 0 };
  if (!first || !last || last.ts <= first.ts || lag === null) return { consumeRate: null, produceRate: null, seconds: null };
  const { consumeRate, produceRate } = rates(first, last);
  if (consumeRate === null || produceRate === null || consumeRate <= produceRate) return { consumeRate, produceRate, seconds: null };
  return { consumeRate, produceRate, seconds: lag / (consumeRate - produceRate) };
}

function rates(first: RatePoint | undefined, last: RatePoint | undefined): { consumeRate: number | null; produceRate: number | null } {
  if (!first || !last || last.ts <= first.ts) return { consumeRate: null, produceRate: null };
  const seconds = (last.ts - first.ts) / 1000;
  const consumed = last.committed - first.committed;
  // A rewind makes consumption negative: no meaningful rate.
  return { consumeRate: consumed < 0 ? null : consumed / seconds, produceRate: Math.max(0, last.end - first.end) / seconds };
}
