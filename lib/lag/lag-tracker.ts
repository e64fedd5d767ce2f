// In-memory lag insight across polls: end-offset history per partition (for lag in
// seconds), observation windows per group partition (for status), rates (for catch-up).
// Deterministic: callers pass `nowMs`; no I/O.
import type { ConsumerGroupSnapshot, LogEndOffsets } from "./types";
import { oldestByLagSeconds, summarizeGroupLag } from "./compute-lag";
import { RateTracker } from "./rate-tracker";
import type { PartitionLag } from "./compute-lag";
import { DEFAULT_MIN_OBSERVATIONS, evaluateGroupStatus, evaluatePartitionStatus, type CommitPoint, type GroupStatus, type PartitionStatus, type StatusWindow } from "./evaluate-status";
import { endOffsetAt, estimateCatchUp, estimateLagSeconds, thinEndOffsetHistory, type EndOffsetPoint, type RatePoint } from "./time-lag";

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
  consumeRate: number | null;
  produceRate: number | null;
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
  /** the newest stretch of history kept point for point; older points are thinned to `historyResolution` */
  exactHistoryMs: number;
  /** older history keeps points no closer than 1/historyResolution of their age (the error bound of lag seconds there) */
  historyResolution: number;
  /** commit points per status window */
  windowSize: number;
  minObservations: number;
  /** span of the consumption and production rates (catch-up time) */
  rateSpanMs: number;
}

export const DEFAULT_TRACKER_OPTIONS: LagTrackerOptions = {
  historyMs: 6 * 3600_000,
  exactHistoryMs: 5 * 60_000,
  historyResolution: 20,
  windowSize: 10,
  minObservations: DEFAULT_MIN_OBSERVATIONS,
  rateSpanMs: 60_000,
};

/** Points a history may grow by between two thinning passes (amortises the pass). */
const THIN_EVERY_POINTS = 32;

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

interface EndHistory {
  points: EndOffsetPoint[];
  /** length at which the next thinning pass runs */
  thinAt: number;
}

interface PartitionWindow extends StatusWindow {
  commits: CommitPoint[];
  /** the group had members at the previous poll */
  hadMembers: boolean;
}

export class LagTracker {
  /** End-offset history of every partition seen (each topic's, not only those a group reads). */
  private readonly ends = new Map<string, EndHistory>();
  private readonly windows = new Map<string, PartitionWindow>();
  private readonly topicRates = new RateTracker();

  constructor(private readonly options: LagTrackerOptions = DEFAULT_TRACKER_OPTIONS) {}

  /** Seeds end-offset history (e.g. from the store after a restart). */
  seedEndOffsets(topic: string, partition: number, points: readonly EndOffsetPoint[]): void {
    const k = key(topic, partition);
    const merged = [...points, ...(this.ends.get(k)?.points ?? [])].sort((a, b) => a.ts - b.ts);
    const latest = merged[merged.length - 1]?.ts ?? 0;
    this.ends.set(k, this.thinned(merged, latest));
  }

  /**
   * One poll's groups — all of them: a group or partition missing from the poll is gone, and its
   * status window is dropped, so memory follows the live groups, not every group ever seen.
   */
  observe(nowMs: number, groups: readonly ConsumerGroupSnapshot[]): GroupInsight[] {
    // History first: lag seconds are computed against the history *before* this poll's
    // point, which estimateLagSeconds adds itself as "now".
    const seen = new Set<PartitionWindow>();
    const insights = groups.map((group) => this.groupInsight(nowMs, group, seen));
    for (const [windowKey, window] of this.windows) if (!seen.has(window)) this.windows.delete(windowKey);
    for (const group of groups) {
      for (const p of group.partitions) this.recordEnd(p.topic, p.partition, nowMs, p.endOffset);
    }
    // End-offset history of partitions not seen for longer than the history span (deleted topics).
    const cutoff = nowMs - this.options.historyMs;
    for (const [k, history] of this.ends) if ((history.points[history.points.length - 1]?.ts ?? -Infinity) < cutoff) this.ends.delete(k);
    return insights;
  }

  /** Status windows held: one per group partition of the latest poll. */
  get trackedPartitions(): number {
    return this.windows.size;
  }

  /** Points of a partition's end-offset history held in memory. */
  historyPoints(topic: string, partition: number): number {
    return this.ends.get(key(topic, partition))?.points.length ?? 0;
  }

  /**
   * Records every partition's end offset (the history lag seconds need for a group seen only
   * later) and gives messages/s produced since the previous poll, per partition (end-offset
   * deltas) and per topic (delta of the summed end offsets; unknown while any partition's end
   * offset is, since a missing partition would fake a drop).
   */
  observeTopics(nowMs: number, topics: readonly LogEndOffsets[]): Map<string, TopicRates> {
    return new Map(topics.map((topic) => {
      for (const p of topic.partitions) if (p.endOffset !== null) this.recordEnd(topic.name, p.partition, nowMs, p.endOffset);
      const partitions = new Map(topic.partitions.map((p) => [p.partition, p.endOffset === null ? null : this.topicRates.observe(key(topic.name, p.partition), nowMs, p.endOffset)]));
      const known = topic.partitions.filter((p) => p.endOffset !== null);
      if (known.length !== topic.partitions.length || known.length === 0) return [topic.name, { perSecond: null, partitions }];
      const total = known.reduce((sum, p) => sum + (p.endOffset ?? 0), 0);
      return [topic.name, { perSecond: this.topicRates.observe(topic.name, nowMs, total), partitions }];
    }));
  }

  private recordEnd(topic: string, partition: number, ts: number, endOffset: number): void {
    const k = key(topic, partition);
    let history = this.ends.get(k);
    if (!history) this.ends.set(k, (history = { points: [], thinAt: THIN_EVERY_POINTS }));
    const list = history.points;
    const last = list[list.length - 1];
    if (last && last.ts >= ts) return; // recorded already this poll (groups and topics both report it)
    // Only changes carry information; keep the first point of a flat stretch and move the
    // latest one, so an idle partition costs two points however long it idles.
    const beforeLast = list[list.length - 2];
    if (last && beforeLast && last.endOffset === endOffset && beforeLast.endOffset === endOffset) list[list.length - 1] = { ts, endOffset };
    else list.push({ ts, endOffset });
    if (list.length >= history.thinAt) this.ends.set(k, this.thinned(list, ts));
  }

  private thinned(points: EndOffsetPoint[], nowMs: number): EndHistory {
    const kept = thinEndOffsetHistory(points, nowMs, { exactMs: this.options.exactHistoryMs, resolution: this.options.historyResolution, cutoffMs: nowMs - this.options.historyMs });
    return { points: kept, thinAt: kept.length + THIN_EVERY_POINTS };
  }

  private groupInsight(nowMs: number, group: ConsumerGroupSnapshot, seen: Set<PartitionWindow>): GroupInsight {
    const hasMembers = group.members.length > 0;
    const windows: { window: PartitionWindow; offsets: PartitionLag }[] = [];
    const partitions = group.partitions.map((p): PartitionInsight => {
      const history = this.ends.get(key(p.topic, p.partition))?.points ?? [];
      const window = this.observeCommit(`${group.groupId}\u0000${key(p.topic, p.partition)}`, nowMs, p, history, hasMembers);
      seen.add(window);
      windows.push({ window, offsets: p });
      const time = estimateLagSeconds(p.committedOffset, p.endOffset, history, nowMs);
      return {
        topic: p.topic,
        partition: p.partition,
        lagSeconds: time?.seconds ?? null,
        lagSecondsExact: time?.exact ?? true,
        status: evaluatePartitionStatus(window, { ts: nowMs, committedOffset: p.committedOffset, endOffset: p.endOffset }, { minObservations: this.options.minObservations, hasMembers }),
      };
    });
    const worst = oldestByLagSeconds(partitions);
    const catchUp = estimateCatchUp(this.rateWindow(nowMs, windows), summarizeGroupLag(group.partitions).totalLag);
    return {
      groupId: group.groupId,
      status: evaluateGroupStatus(partitions.map((p) => p.status)),
      lagSeconds: worst?.lagSeconds ?? null,
      lagSecondsExact: worst?.lagSecondsExact ?? true,
      catchUpSeconds: catchUp.seconds,
      consumeRate: catchUp.consumeRate,
      produceRate: catchUp.produceRate,
      partitions,
    };
  }

  /** Adds a commit point when the committed offset changed since the previous poll. In place: this runs for every group partition on every poll. */
  private observeCommit(windowKey: string, nowMs: number, p: PartitionLag, history: readonly EndOffsetPoint[], hasMembers: boolean): PartitionWindow {
    let window = this.windows.get(windowKey);
    const known = window !== undefined;
    if (!window) this.windows.set(windowKey, (window = { commits: [], pollsSinceCommit: 0, commitsWithoutMembers: false, hadMembers: hasMembers }));
    const hadMembers = window.hadMembers;
    window.hadMembers = hasMembers;
    if (p.committedOffset === null) return window;
    const last = window.commits[window.commits.length - 1];
    if (last && last.committedOffset === p.committedOffset) {
      window.pollsSinceCommit += 1;
      return window;
    }
    if (last && !hasMembers && !hadMembers) window.commitsWithoutMembers = true;
    // The end offset at the previous poll bounds the lag at the commit; unknown at first sight.
    const previousEndOffset = known ? (history[history.length - 1]?.endOffset ?? null) : null;
    window.commits.push({ ts: nowMs, committedOffset: p.committedOffset, endOffset: p.endOffset, previousEndOffset });
    if (window.commits.length > this.options.windowSize) window.commits.splice(0, window.commits.length - this.options.windowSize);
    window.pollsSinceCommit = 0;
    return window;
  }

  /**
   * Summed committed and end offsets of the group's committed partitions at the start of the
   * rate span and now. The span starts `rateSpanMs` ago, or at the oldest commit the windows
   * all hold if that is later; the committed offset between commits is the earlier commit's.
   */
  private rateWindow(nowMs: number, windows: readonly { window: PartitionWindow; offsets: PartitionLag }[]): RatePoint[] {
    const committed = windows.filter((w) => w.offsets.committedOffset !== null && w.window.commits.length > 0);
    if (committed.length === 0 || committed.length !== windows.length) return [];
    let from = nowMs - this.options.rateSpanMs;
    for (const { window } of committed) from = Math.max(from, window.commits[0]?.ts ?? nowMs);
    const start: RatePoint = { ts: from, committed: 0, end: 0 };
    const now: RatePoint = { ts: nowMs, committed: 0, end: 0 };
    for (const { window, offsets } of committed) {
      const atStart = window.commits.findLast((c) => c.ts <= from) ?? window.commits[0];
      const history = this.ends.get(key(offsets.topic, offsets.partition))?.points ?? [];
      start.committed += atStart?.committedOffset ?? 0;
      start.end += endOffsetAt(history, { ts: nowMs, endOffset: offsets.endOffset }, from);
      now.committed += offsets.committedOffset ?? 0;
      now.end += offsets.endOffset;
    }
    return [start, now];
  }
}
