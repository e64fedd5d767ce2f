import { describe, expect, it } from "vitest";
import { bucketCount, bucketStarts, chooseStepSeconds, fillBuckets, isoStep } from "./buckets";

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
    // 10 minutes starting mid-bucket: 10 s steps would need 61 buckets, so 15 s is chosen.
    const from = 3_000;
    const to = from + 600_000;
    expect(bucketCount(from, to, 10)).toBe(61);
    expect(chooseStepSeconds(from, to, 60)).toBe(15);
    expect(chooseStepSeconds(0, 600_000, 60)).toBe(10);
  });
});

describe("bucketStarts / fillBuckets", () => {
  it("aligns to the step and covers [from, to)", () => {
    expect(bucketStarts(65_000, 185_000, 60)).toEqual([60_000, 120_000, 180_000]);
    expect(bucketStarts(60_000, 60_000, 60)).toEqual([]);
  });

  it("fills missing buckets with null, never zero", () => {
    const values = new Map<number, number | null>([[0, 5], [120_000, 0]]);
    expect(fillBuckets(0, 180_000, 60, values)).toEqual([
      { t: "1970-01-01T00:00:00.000Z", v: 5 },
      { t: "1970-01-01T00:01:00.000Z", v: null },
      { t: "1970-01-01T00:02:00.000Z", v: 0 },
    ]);
  });
});

describe("isoStep", () => {
  it.each([[10, "PT10S"], [60, "PT1M"], [7200, "PT2H"], [86400, "P1D"], [90, "PT90S"]] as const)("%d → %s", (s, iso) => {
    expect(isoStep(s)).toBe(iso);
  });
});
