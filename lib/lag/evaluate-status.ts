// Burrow-style lag status over a window of recent observations of one partition.
// Pure: observations in, status out; `now` is not needed because the window is what the
// collector saw at its polls (the latest observation is the present).

export const PARTITION_STATUSES = ["OK", "WARN", "STOP", "STALL", "REWIND", "UNKNOWN"] as const;
export type PartitionStatus = (typeof PARTITION_STATUSES)[number];
export const GROUP_STATUSES = ["OK", "WARN", "ERR", "UNKNOWN"] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export interface Observation {
  /** epoch ms of the poll */
  ts: number;
  committedOffset: number | null;
  endOffset: number;
}

export interface StatusOptions {
  /** fewer observations than this (with lag > 0) cannot be judged: UNKNOWN */
  minObservations: number;
  /** the group has live members (it can commit); decides STALL (alive, stuck) vs STOP (nobody committing) */
  hasMembers: boolean;
}

export const DEFAULT_MIN_OBSERVATIONS = 3;

const lagOf = (o: Observation): number | null => (o.committedOffset === null ? null : Math.max(0, o.endOffset - o.committedOffset));

/**
 * - REWIND: the committed offset went backwards inside the window.
 * - OK: lag was zero at some observation in the window (a caught-up consumer on an idle
 *   topic is OK however long it has not committed: no false STOP), or lag is falling.
 * - STOP: lag > 0, the committed offset never moved in the window and no member is left to commit.
 * - STALL: lag > 0, the committed offset never moved, but members are present (stuck consumer).
 * - WARN: the offset moves but lag rose at every observation (falling behind).
 * - UNKNOWN: no committed offset, or too few observations to judge a non-zero lag.
 */
export function evaluatePartitionStatus(window: readonly Observation[], options: StatusOptions): PartitionStatus {
  const observed = [...window].sort((a, b) => a.ts - b.ts).filter((o) => o.committedOffset !== null);
  if (observed.length === 0) return "UNKNOWN";
  for (let i = 1; i < observed.length; i += 1) {
    if ((observed[i]?.committedOffset ?? 0) < (observed[i - 1]?.committedOffset ?? 0)) return "REWIND";
  }
  const lags = observed.map((o) => lagOf(o) ?? 0);
  if (lags.some((lag) => lag === 0)) return "OK";
  if (observed.length < options.minObservations) return "UNKNOWN";
  const first = observed[0];
  const last = observed[observed.length - 1];
  if (first?.committedOffset === last?.committedOffset) return options.hasMembers ? "STALL" : "STOP";
  const risingEveryTime = lags.every((lag, i) => i === 0 || lag > (lags[i - 1] ?? lag));
  return risingEveryTime ? "WARN" : "OK";
}

/** A group is ERR if any partition stopped or stalled, WARN if any warns or rewound. */
export function evaluateGroupStatus(partitions: readonly PartitionStatus[]): GroupStatus {
  if (partitions.length === 0) return "UNKNOWN";
  if (partitions.some((s) => s === "STOP" || s === "STALL")) return "ERR";
  if (partitions.some((s) => s === "WARN" || s === "REWIND")) return "WARN";
  if (partitions.every((s) => s === "UNKNOWN")) return "UNKNOWN";
  return "OK";
}
