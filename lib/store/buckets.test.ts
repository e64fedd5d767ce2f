import { describe, expect, it } from "vitest";
import { bucketCount, bucketStarts, chooseStepSeconds, fillBuckets, isoStep, minStepForPollInterval } from "./buckets";

const HOUR = 3600_000;

describe("chooseStepSeconds", () => {
  it.each([
    { range: HOUR, points: 600, step: 10 }, // 6 s minimum → 10 s
    { range: HOUR, points: 3600, step: 1 },
    { range: 24 * HOUR, points: 600, step: 300 }, // 144 s → 300 s
    { range: 30 * 24 * HOUR, points: 600, step: 7200 }, // 4320 s → 2 h
    { range: 400 * 24 * HOUR, points: 100, step: 345600 }, // beyond a day: whole days
    { range: 400 * 24 * HOUR, points: 1, step: 400 * 86400 },
    { range: 0, points: 10, step: 1 },
  ])("$range ms in ≤ $points points → $step s", ({ range, points, step }) => {
    const s = chooseStepSeconds(0, range, points);
    expect(s).toBe(step);
    expect(bucketCount(0, range, s)).toBeLessThanOrEqual(Math.max(points, 1));
  });

  it("never returns more buckets than asked for when the range is not aligned", () => {
    // 10 minutes ending mid-bucket: 10 s steps would need 61 buckets, so 15 s is chosen.
    const from = 0;
    const to = from + 603_000;
    expect(bucketCount(from, to, 10)).toBe(61);
    expect(chooseStepSeconds(from, to, 60)).toBe(15);
    expect(chooseStepSeconds(0, 600_000, 60)).toBe(10);
  });

  // Issue 9 item 8: a 15-minute range with 10 s polls drew 5 s buckets, every other one empty.
  it.each([
    { name: "15 min, 10 s polls, 600 points", range: 15 * 60_000, poll: 10, points: 600, step: 15 },
    { name: "15 min, 5 s polls", range: 15 * 60_000, poll: 5, points: 600, step: 10 },
    { name: "15 min, 1 s polls", range: 15 * 60_000, poll: 1, points: 600, step: 5 },
    { name: "15 min, 30 s polls", range: 15 * 60_000, poll: 30, points: 600, step: 60 },
    { name: "1 h, 10 s polls, 60 points: the budget is coarser", range: HOUR, poll: 10, points: 60, step: 60 },
    { name: "15 min, 2 days between polls: whole days", range: 15 * 60_000, poll: 2 * 86400, points: 600, step: 3 * 86400 },
  ])("$name → $step s", ({ range, poll, points, step }) => {
    const minStep = minStepForPollInterval(poll);
    const s = chooseStepSeconds(0, range, points, minStep);
    expect(s).toBe(step);
    expect(s).toBeGreaterThan(poll);
  });
});

describe("bucketStarts / fillBuckets", () => {
  // Issue 9 item 6: the first bucket started before `from`.
  it.each([
    { name: "from mid-bucket: the bucket begun before from is left out", from: 65_000, to: 185_000, starts: [120_000, 180_000] },
    { name: "from on a boundary", from: 60_000, to: 185_000, starts: [60_000, 120_000, 180_000] },
    { name: "to on a boundary: a bucket starting at to is outside", from: 60_000, to: 180_000, starts: [60_000, 120_000] },
    { name: "empty range", from: 60_000, to: 60_000, starts: [] },
    { name: "range inside one bucket", from: 61_000, to: 119_000, starts: [] },
  ])("starts every bucket inside [from, to): $name", ({ from, to, starts }) => {
    expect(bucketStarts(from, to, 60)).toEqual(starts);
    expect(bucketCount(from, to, 60)).toBe(starts.length);
    for (const t of starts) expect(t >= from && t < to).toBe(true);
  });

  it("fills missing buckets with null, never zero", () => {
    const values = new Map<number, number | null>([[0, 5], [120_000, 0]]);
    expect(fillBuckets(0, 180_000, 60, values)).toEqual([
      { t: 0, v: 5 },
      { t: 60_000, v: null },
      { t: 120_000, v: 0 },
    ]);
  });
});

describe("isoStep", () => {
  it.each([[10, "PT10S"], [60, "PT1M"], [7200, "PT2H"], [86400, "P1D"], [90, "PT90S"]] as const)("%d → %s", (s, iso) => {
    expect(isoStep(s)).toBe(iso);
  });
});
