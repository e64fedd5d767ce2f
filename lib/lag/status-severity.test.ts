import { describe, expect, it } from "vitest";
import { evaluateGroupStatus, GROUP_STATUSES, PARTITION_STATUSES, type GroupStatus, type PartitionStatus } from "./evaluate-status";
import { lagStatusSeverity, type StatusSeverity } from "./status-severity";

describe("lagStatusSeverity", () => {
  it.each<{ status: GroupStatus | PartitionStatus; severity: StatusSeverity | null }>([
    { status: "OK", severity: 0 },
    { status: "WARN", severity: 1 },
    { status: "REWIND", severity: 1 },
    { status: "ERR", severity: 2 },
    { status: "STOP", severity: 2 },
    { status: "STALL", severity: 2 },
    { status: "UNKNOWN", severity: null },
  ])("$status → $severity", ({ status, severity }) => {
    expect(lagStatusSeverity(status)).toBe(severity);
  });

  it("covers every status there is", () => {
    for (const status of [...GROUP_STATUSES, ...PARTITION_STATUSES]) expect(lagStatusSeverity(status)).not.toBeUndefined();
  });

  it("agrees with evaluateGroupStatus: a group's severity is the worst of its partitions' (unknown ones aside)", () => {
    for (const a of PARTITION_STATUSES) {
      for (const b of PARTITION_STATUSES) {
        const known = [a, b].map(lagStatusSeverity).filter((s) => s !== null);
        const worst = known.length === 0 ? null : Math.max(...known);
        expect(lagStatusSeverity(evaluateGroupStatus([a, b])), `${a} + ${b}`).toBe(worst);
      }
    }
  });
});
