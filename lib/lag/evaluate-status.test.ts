import { describe, expect, it } from "vitest";
import { evaluateGroupStatus, evaluatePartitionStatus, type Observation, type PartitionStatus } from "./evaluate-status";

/** Builds a window from [committed, end] pairs, one poll every 10 s. */
const w = (...pairs: [number | null, number][]): Observation[] => pairs.map(([committedOffset, endOffset], i) => ({ ts: i * 10_000, committedOffset, endOffset }));
const opts = { minObservations: 3, hasMembers: true };

describe("evaluatePartitionStatus", () => {
  it.each<{ name: string; window: Observation[]; hasMembers?: boolean; status: PartitionStatus }>([
    { name: "caught up on a busy topic", window: w([10, 10], [20, 20], [30, 30]), status: "OK" },
    { name: "caught up on an idle topic, no commits for ages: no false STOP", window: w([50, 50], [50, 50], [50, 50]), hasMembers: false, status: "OK" },
    { name: "lag hit zero once inside the window", window: w([10, 15], [20, 20], [25, 31]), status: "OK" },
    { name: "behind but catching up (lag falling)", window: w([0, 100], [40, 120], [90, 130]), status: "OK" },
    { name: "moving but lag rising at every poll", window: w([0, 10], [5, 20], [9, 30]), status: "WARN" },
    { name: "lag rose then held: not WARN", window: w([0, 10], [5, 20], [15, 30]), status: "OK" },
    { name: "offset stuck, members present", window: w([7, 10], [7, 12], [7, 12]), status: "STALL" },
    { name: "offset stuck, idle producer, members present", window: w([7, 10], [7, 10], [7, 10]), status: "STALL" },
    { name: "offset stuck, no members: commits stopped", window: w([7, 10], [7, 10], [7, 11]), hasMembers: false, status: "STOP" },
    { name: "offset went backwards", window: w([100, 120], [20, 125], [30, 130]), status: "REWIND" },
    { name: "no committed offset", window: w([null, 10], [null, 12]), status: "UNKNOWN" },
    { name: "too few polls to judge a lag", window: w([5, 10], [6, 12]), status: "UNKNOWN" },
    { name: "empty window", window: [], status: "UNKNOWN" },
  ])("$name → $status", ({ window, hasMembers, status }) => {
    expect(evaluatePartitionStatus(window, { ...opts, hasMembers: hasMembers ?? opts.hasMembers })).toBe(status);
  });

  it("does not depend on the order observations arrive in", () => {
    const window = w([0, 10], [5, 20], [9, 30]);
    expect(evaluatePartitionStatus([...window].reverse(), opts)).toBe("WARN");
  });
});

describe("evaluateGroupStatus", () => {
  it.each<[PartitionStatus[], string]>([
    [[], "UNKNOWN"],
    [["UNKNOWN", "UNKNOWN"], "UNKNOWN"],
    [["OK", "UNKNOWN"], "OK"],
    [["OK", "WARN"], "WARN"],
    [["OK", "REWIND"], "WARN"],
    [["WARN", "STALL"], "ERR"],
    [["OK", "STOP"], "ERR"],
  ])("%j → %s", (partitions, status) => {
    expect(evaluateGroupStatus(partitions)).toBe(status);
  });
});
