import type { GroupStatus, PartitionStatus } from "./evaluate-status";

/** A lag status as an ordered number, so a threshold can say "≥ 1" (WARN or worse) or "≥ 2" (ERR). */
export type StatusSeverity = 0 | 1 | 2;

/**
 * The severity of a group's or a partition's lag status: 0 OK; 1 WARN and REWIND; 2 ERR, STOP and STALL; null for
 * UNKNOWN (not judged: no sample, a gap). REWIND is 1 because evaluateGroupStatus folds it into a group's WARN, and
 * STOP/STALL are 2 because they make a group ERR: a group's severity is the worst of its partitions'.
 */
export function lagStatusSeverity(status: GroupStatus | PartitionStatus): StatusSeverity | null {
  switch (status) {
    case "OK":
      return 0;
    case "WARN":
    case "REWIND":
      return 1;
    case "ERR":
    case "STOP":
    case "STALL":
      return 2;
    case "UNKNOWN":
      return null;
  }
}
