import { describe, expect, it } from "vitest";
import { RateTracker } from "./rate-tracker";

describe("RateTracker", () => {
  it("gives per-second rates between observations and none after a reset", () => {
    const rates = new RateTracker();
    expect(rates.observe("t", 0, 100)).toBeNull();
    expect(rates.observe("t", 10_000, 600)).toBe(50);
    expect(rates.observe("t", 20_000, 600)).toBe(0);
    expect(rates.observe("t", 30_000, 5)).toBeNull(); // counter went backwards
    expect(rates.observe("t", 40_000, 25)).toBe(2);
    expect(rates.observe("other", 40_000, 1)).toBeNull();
  });
});
