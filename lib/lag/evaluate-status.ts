// Burrow-style lag status of one partition, judged at the consumer's commits: Burrow
// evaluates the lag each time the group commits, not at each poll. Judged per poll, a
// consumer that commits every few seconds looks as if it sometimes caught up (lag drops at
// each commit) and sometimes stalled (no commit between two polls).
// Pure: the window and the present observation in, status out.

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

/**
 * The poll at which a new committed offset was first seen. The commit happened since the
 * previous poll, so the lag at the commit lies between `previousEndOffset − committed` and
 * `endOffset − committed`.
 */
export interface CommitPoint extends Observation {
  committedOffset: number;
  /** end offset at the previous poll; null when the commit time is unknown (first sight of the partition) */
  previousEndOffset: number | null;
}

export interface StatusWindow {
  /** the latest commit points, oldest first */
  commits: readonly CommitPoint[];
  /** polls since the latest commit point that saw the same committed offset */
  pollsSinceCommit: number;
  /**
   * The offset moved while the group had no members at this poll and the one before: it commits
   * without joining (Flink, Spark), so "no members" is no sign that it stopped.
   */
  commitsWithoutMembers: boolean;
}

export interface StatusOptions {
  /** fewer observations than this (with lag > 0) cannot be judged: UNKNOWN */
  minObservations: number;
  /** the group has live members (it can commit); decides STALL (alive, stuck) vs STOP (nobody committing) */
  hasMembers: boolean;
}

export const DEFAULT_MIN_OBSERVATIONS = 3;

const lagAt = (o: Observation): number => Math.max(0, o.endOffset - (o.committedOffset ?? o.endOffset));
/** The least the lag can have been when the commit happened; null when unknown. */
const lowestLagAtCommit = (c: CommitPoint): number | null => (c.previousEndOffset === null ? null : Math.max(0, c.previousEndOffset - c.committedOffset));

/**
 * `now` is this poll's observation (its `ts` is the present). In order:
 * - UNKNOWN: no committed offset.
 * - OK: no lag now.
 * - STOP: no member is left to commit and the lag grew since the latest commit (at the next
 *   poll: the group's members are known, unlike Burrow's), or the offset has not moved for
 *   `minObservations` polls. A group that commits without members is STOP only when stuck:
 * - STALL: members present and stuck: the offset has not moved for `minObservations` polls and
 *   for more than twice the consumer's commit interval (the longest between the window's
 *   commits while behind; else the window's span).
 * - REWIND: the committed offset went backwards between two commits of the window.
 * - OK: the lag was (or may have been) zero at a commit of the window (Burrow's first rule).
 * - WARN: the lag at commit never certainly fell and certainly grew over the window. Each
 *   commit's lag is known only within the production of one poll interval, so a consumer
 *   that keeps pace is not WARN by measurement noise.
 * - UNKNOWN: too few observations to judge a non-zero lag; otherwise OK.
 */
export function evaluatePartitionStatus(window: StatusWindow, now: Observation, options: StatusOptions): PartitionStatus {
  const { commits, pollsSinceCommit } = window;
  const first = commits[0];
  const last = commits[commits.length - 1];
  if (now.committedOffset === null || first === undefined || last === undefined) return "UNKNOWN";
  const lag = lagAt(now);
  if (lag === 0) return "OK";
  const unmoved = pollsSinceCommit + 1 >= options.minObservations;
  const stuck = unmoved && now.ts - last.ts > 2 * (longestCommitIntervalWhileBehind(commits) ?? last.ts - first.ts);
  if (!options.hasMembers && (window.commitsWithoutMembers ? stuck : lag > lagAt(last) || unmoved)) return "STOP";
  if (options.hasMembers && stuck) return "STALL";
  for (let i = 1; i < commits.length; i += 1) {
    if ((commits[i]?.committedOffset ?? 0) < (commits[i - 1]?.committedOffset ?? 0)) return "REWIND";
  }
  if (commits.some((c) => lagAt(c) === 0 || lowestLagAtCommit(c) === 0)) return "OK";
  if (lagGrewAtEveryCommit(commits)) return "WARN";
  return commits.length + pollsSinceCommit < options.minObservations ? "UNKNOWN" : "OK";
}

function longestCommitIntervalWhileBehind(commits: readonly CommitPoint[]): number | null {
  let longest: number | null = null;
  for (let i = 1; i < commits.length; i += 1) {
    const before = commits[i - 1] as CommitPoint;
    if (lagAt(before) > 0) longest = Math.max(longest ?? 0, (commits[i] as CommitPoint).ts - before.ts);
  }
  return longest;
}

/** Never certainly fell between two commits, and certainly grew from the first to the last. */
function lagGrewAtEveryCommit(commits: readonly CommitPoint[]): boolean {
  const first = commits[0];
  const last = commits[commits.length - 1];
  if (!first || !last || commits.length < 2) return false;
  for (let i = 1; i < commits.length; i += 1) {
    const before = commits[i - 1] as CommitPoint;
    if (lagAt(commits[i] as CommitPoint) < (lowestLagAtCommit(before) ?? 0)) return false;
  }
  const lastLowest = lowestLagAtCommit(last);
  return lastLowest !== null && lastLowest > lagAt(first);
}

/** A group is ERR if any partition stopped or stalled, WARN if any warns or rewound. */
export function evaluateGroupStatus(partitions: readonly PartitionStatus[]): GroupStatus {
  if (partitions.length === 0) return "UNKNOWN";
  if (partitions.some((s) => s === "STOP" || s === "STALL")) return "ERR";
  if (partitions.some((s) => s === "WARN" || s === "REWIND")) return "WARN";
  if (partitions.every((s) => s === "UNKNOWN")) return "UNKNOWN";
  return "OK";
}
