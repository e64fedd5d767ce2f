import { describe, expect, it } from "vitest";
import { compareByTopicPartition, computePartitionLag, oldestByLagSeconds, parseCommittedOffset, summarizeGroupLag, withLag } from "./compute-lag";

describe("computePartitionLag", () => {
  it.each([
    { committed: 0, end: 0, lag: 0 },
    { committed: 0, end: 10, lag: 10 },
    { committed: 7, end: 10, lag: 3 },
    { committed: 10, end: 10, lag: 0 },
    { committed: 12, end: 10, lag: 0 }, // committed past end: clamp, never negative
    { committed: null, end: 10, lag: null }, // no commit: unknown, not the whole log
    { committed: -1, end: 10, lag: null },
    { committed: 2 ** 40, end: 2 ** 40 + 5, lag: 5 },
  ])("committed $committed, end $end → $lag", ({ committed, end, lag }) => {
    expect(computePartitionLag(committed, end)).toBe(lag);
  });
});

describe("summarizeGroupLag", () => {
  it.each([
    { lags: [], total: null, max: null, unknown: 0 },
    { lags: [null, null], total: null, max: null, unknown: 2 },
    { lags: [0, 0], total: 0, max: 0, unknown: 0 },
    { lags: [3, null, 5], total: 8, max: 5, unknown: 1 },
    { lags: [10, 2, 7], total: 19, max: 10, unknown: 0 },
  ])("$lags → total $total, max $max", ({ lags, total, max, unknown }) => {
    expect(summarizeGroupLag(lags.map((lag) => ({ lag })))).toEqual({ totalLag: total, maxLag: max, unknownPartitions: unknown });
  });
});

describe("parseCommittedOffset", () => {
  it.each([
    ["-1", null],
    ["", null],
    [null, null],
    [undefined, null],
    ["abc", null],
    ["0", 0],
    ["42", 42],
    [17, 17],
  ] as const)("%s → %s", (raw, expected) => {
    expect(parseCommittedOffset(raw)).toBe(expected);
  });
});

describe("withLag / ordering", () => {
  it("adds lag and sorts by topic then partition", () => {
    const rows = [
      withLag({ topic: "b", partition: 0, committedOffset: 1, endOffset: 4 }),
      withLag({ topic: "a", partition: 2, committedOffset: null, endOffset: 4 }),
      withLag({ topic: "a", partition: 1, committedOffset: 4, endOffset: 4 }),
    ].sort(compareByTopicPartition);
    expect(rows.map((r) => [r.topic, r.partition, r.lag])).toEqual([
      ["a", 1, 0],
      ["a", 2, null],
      ["b", 0, 3],
    ]);
  });
});

describe("oldestByLagSeconds", () => {
  it("picks the largest known age, first on ties, null when none is known", () => {
    const a = { id: "a", lagSeconds: 5 };
    const b = { id: "b", lagSeconds: null };
    const c = { id: "c", lagSeconds: 9 };
    const d = { id: "d", lagSeconds: 9 };
    expect(oldestByLagSeconds([a, b, c, d])).toBe(c);
    expect(oldestByLagSeconds([b])).toBeNull();
    expect(oldestByLagSeconds([])).toBeNull();
    expect(oldestByLagSeconds([{ lagSeconds: 0 }])).toEqual({ lagSeconds: 0 });
  });
});
