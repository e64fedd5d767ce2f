import { describe, expect, it } from "vitest";
import { aggregateSamples, aggregateValue, mergeAggregates, rollupSamples } from "./rollup-math";

const s = (ts: number, value: number) => ({ ts, value });

describe("aggregateSamples", () => {
  it("computes min, max, sum, count and the value at the latest timestamp", () => {
    expect(aggregateSamples([s(30, 5), s(10, 9), s(20, -1)])).toEqual({ min: -1, max: 9, sum: 13, count: 3, last: 5, lastTs: 30 });
    expect(aggregateSamples([])).toBeNull();
  });
});

describe("mergeAggregates", () => {
  it("merging partial buckets equals aggregating all samples at once, in any order", () => {
    const all = [s(1, 4), s(2, 8), s(3, 1), s(4, 6), s(5, 2)];
    const a = aggregateSamples(all.slice(0, 2));
    const b = aggregateSamples(all.slice(2));
    if (!a || !b) throw new Error("unexpected empty");
    expect(mergeAggregates([a, b])).toEqual(aggregateSamples(all));
    expect(mergeAggregates([b, a])).toEqual(aggregateSamples(all));
    expect(mergeAggregates([])).toBeNull();
  });
});

describe("aggregateValue", () => {
  const agg = { min: 1, max: 9, sum: 20, count: 4, last: 7, lastTs: 0 };
  it.each([["avg", 5], ["min", 1], ["max", 9], ["last", 7], ["sum", 20], ["count", 4]] as const)("%s → %d", (kind, v) => {
    expect(aggregateValue(agg, kind)).toBe(v);
  });
});

describe("rollupSamples", () => {
  it("buckets by epoch-aligned step and leaves empty buckets out", () => {
    const buckets = rollupSamples([s(0, 1), s(59_000, 3), s(60_000, 10), s(185_000, 7)], 60);
    expect([...buckets.keys()]).toEqual([0, 60_000, 180_000]);
    expect(buckets.get(0)).toEqual({ min: 1, max: 3, sum: 4, count: 2, last: 3, lastTs: 59_000 });
    expect(buckets.get(180_000)?.last).toBe(7);
  });
});
