// In-memory lag insight across polls: end-offset history per partition (for lag in
// seconds), observation windows per group partition (for status), rates (for catch-up).
// Deterministic: callers pass `nowMs`; no I/O.
import type { ConsumerGroupSnapshot, TopicSnapshot } from "@/lib/brokers/types";
import { oldestByLagSeconds, summarizeGroupLag } from "./compute-lag";
import { RateTracker } from "./rate-tracker";
import { DEFAULT_MIN_OBSERVATIONS, evaluateGroupStatus, evaluatePartitionStatus, type GroupStatus, type Observation, type PartitionStatus } from "./evaluate-status";
import { estimateCatchUp, estimateLagSeconds, type EndOffsetPoint } from "./time-lag";

export interface PartitionInsight {
  topic: string;
  partition: number;
  lagSeconds: number | null;
  /** false: the committed offset is older than the known history, lagSeconds is a lower bound */
  lagSecondsExact: boolean;
  status: PartitionStatus;
}

export interface GroupInsight {
  groupId: string;
  status: GroupStatus;
  /** max over partitions */
  lagSeconds: number | null;
  lagSecondsExact: boolean;
  catchUpSeconds: number | null;
  consumePerSecond: number | null;
  producePerSecond: number | null;
  partitions: PartitionInsight[];
}

/** Messages/s produced since the previous poll, per topic and per partition (null: not known yet). */
export interface TopicRates {
  perSecond: number | null;
  partitions: ReadonlyMap<number, number | null>;
}

export interface LagTrackerOptions {
  /** how much end-offset history to keep per partition */
  historyMs: number;
  /** polls per status / rate window */
  windowSize: number;
  minObservations: number;
}

export const DEFAULT_TRACKER_OPTIONS: LagTrackerOptions = { historyMs: 6 * 3600_000, windowSize: 10, minObservations: DEFAULT_MIN_OBSERVATIONS };

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export class LagTracker {
  private readonly ends = new Map<string, EndOffsetPoint[]>();
  private readonly windows = new Map<string, Observation[]>();
  private readonly topicRates = new RateTracker();

  constructor(private readonly options: LagTrackerOptions = DEFAULT_TRACKER_OPTIONS) {}

  /** Seeds end-offset history (e.g. from the store after a restart). */
  seedEndOffsets(topic: string, partition: number, points: readonly EndOffsetPoint[]): void {
    const list = this.ends.get(key(topic, partition)) ?? [];
    this.ends.set(key(topic, partition), [...points, ...list].sort((a, b) => a.ts - b.ts));
  }

  /**
   * One poll's groups — all of them: a group or partition missing from the poll is gone, and its
   * status window is dropped, so memory follows the live groups, not every group ever seen.
   */
  observe(nowMs: number, groups: readonly ConsumerGroupSnapshot[]): GroupInsight[] {
    // History first: lag seconds are computed against the history *before* this poll's
    // point, which estimateLagSeconds adds itself as "now".
    const seen = new Set<Observation[]>();
    const insights = groups.map((group) => this.groupInsight(nowMs, group, seen));
    for (const [windowKey, window] of this.windows) if (!seen.has(window)) this.windows.delete(windowKey);
    for (const group of groups) {
      for (const p of group.partitions) this.recordEnd(p.topic, p.partition, nowMs, p.endOffset);
    }
    // End-offset history of partitions that no group has read for longer than the history span.
    const cutoff = nowMs - this.options.historyMs;
    for (const [k, list] of this.ends) if ((list[list.length - 1]?.ts ?? -Infinity) < cutoff) this.ends.delete(k);
    return insights;
  }

  /** Status windows held: one per group partition of the latest poll. */
  get trackedPartitions(): number {
    return this.windows.size;
  }

  /** Points of a partition's end-offset history held in memory. */
  historyPoints(topic: string, partition: number): number {
    return this.ends.get(key(topic, partition))?.length ?? 0;
  }

  /**
   * Messages/s produced since the previous poll, per partition (end-offset deltas) and per
   * topic (delta of the summed end offsets; unknown while any partition's end offset is,
   * since a missing partition would fake a drop).
   */
  observeTopics(nowMs: number, topics: readonly TopicSnapshot[]): Map<string, TopicRates> {
    return new Map(topics.map((topic) => {
      const partitions = new Map(topic.partitions.map((p) => [p.partition, p.endOffset === null ? null : this.topicRates.observe(key(topic.name, p.partition), nowMs, p.endOffset)]));
      const known = topic.partitions.filter((p) => p.endOffset !== null);
      if (known.length !== topic.partitions.length || known.length === 0) return [topic.name, { perSecond: null, partitions }];
      const total = known.reduce((sum, p) => sum + (p.endOffset ?? 0), 0);
      return [topic.name, { perSecond: this.topicRates.observe(topic.name, nowMs, total), partitions }];
    }));
  }

  private recordEnd(topic: string, partition: number, ts: number, endOffset: number): void {
    const k = key(topic, partition);
    const list = this.ends.get(k) ?? [];
    const last = list[list.length - 1];
    if (last && last.ts === ts) return; // several groups read the same partition in one poll
    // Only changes carry information; keep the first point of a flat stretch and move the
    // latest one, so an idle partition costs two points however long it idles.
    const beforeLast = list[list.length - 2];
    if (last && beforeLast && last.endOffset === endOffset && beforeLast.endOffset === endOffset) list[list.length - 1] = { ts, endOffset };
    else list.push({ ts, endOffset });
    const cutoff = ts - this.options.historyMs;
    while (list.length > 2 && (list[1]?.ts ?? Infinity) < cutoff) list.shift();
    this.ends.set(k, list);
  }

  private groupInsight(nowMs: number, group: ConsumerGroupSnapshot, seen: Set<Observation[]>): GroupInsight {
    const hasMembers = group.members.length > 0;
    const partitions = group.partitions.map((p): PartitionInsight => {
      const windowKey = `${group.groupId}\u0000${key(p.topic, p.partition)}`;
      let window = this.windows.get(windowKey);
      if (!window) this.windows.set(windowKey, (window = []));
      // In place: copying every window on every poll was most of the tracker's garbage at 100,000 partitions.
      window.push({ ts: nowMs, committedOffset: p.committedOffset, endOffset: p.endOffset });
      if (window.length > this.options.windowSize) window.splice(0, window.length - this.options.windowSize);
      seen.add(window);
      const time = estimateLagSeconds(p.committedOffset, p.endOffset, this.ends.get(key(p.topic, p.partition)) ?? [], nowMs);
      return {
        topic: p.topic,
        partition: p.partition,
        lagSeconds: time?.seconds ?? null,
        lagSecondsExact: time?.exact ?? true,
        status: evaluatePartitionStatus(window, { minObservations: this.options.minObservations, hasMembers }),
      };
    });
    const worst = oldestByLagSeconds(partitions);
    const catchUp = estimateCatchUp(this.rateWindow(group), summarizeGroupLag(group.partitions).totalLag);
    return {
      groupId: group.groupId,
      status: evaluateGroupStatus(partitions.map((p) => p.status)),
      lagSeconds: worst?.lagSeconds ?? null,
      lagSecondsExact: worst?.lagSecondsExact ?? true,
      catchUpSeconds: catchUp.seconds,
      consumePerSecond: catchUp.consumePerSecond,
      producePerSecond: catchUp.producePerSecond,
      partitions,
    };
  }

  /** Per poll of the window: summed committed and end offsets over partitions committed throughout. */
  private rateWindow(group: ConsumerGroupSnapshot): { ts: number; committed: number; end: number }[] {
    const windows = group.partitions
      .map((p) => this.windows.get(`${group.groupId}\u0000${key(p.topic, p.partition)}`) ?? [])
      .filter((w) => w.length > 0 && w.every((o) => o.committedOffset !== null));
    const length = Math.min(...windows.map((w) => w.length));
    if (windows.length === 0 || !Number.isFinite(length)) return [];
    return Array.from({ length }, (_, i) => {
      const points = windows.map((w) => w[w.length - length + i] as Observation);
      return { ts: points[0]?.ts ?? 0, committed: points.reduce((s, o) => s + (o.committedOffset ?? 0), 0), end: points.reduce((s, o) => s + o.endOffset, 0) };
    });
  }
}
