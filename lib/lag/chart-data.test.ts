import { describe, expect, it } from "vitest";
import { countKnownPoints, mergeSeriesPoints, toChartPoints } from "./chart-data";

describe("toChartPoints", () => {
  it("keeps gaps as null and converts time to epoch ms", () => {
    const rows = toChartPoints([{ t: "2026-11-30T00:00:00.000Z", v: 3 }, { t: "2026-11-30T00:01:00.000Z", v: null }]);
    expect(rows).toEqual([{ t: Date.parse("2026-11-30T00:00:00Z"), v: 3 }, { t: Date.parse("2026-11-30T00:01:00Z"), v: null }]);
    expect(countKnownPoints(rows)).toBe(1);
  });
});

describe("mergeSeriesPoints", () => {
  it("joins series on time, sorted, with nulls where a series has no value", () => {
    const rows = mergeSeriesPoints({
      ready: [{ t: "2026-11-30T00:01:00.000Z", v: 5 }, { t: "2026-11-30T00:00:00.000Z", v: 3 }],
      unacked: [{ t: "2026-11-30T00:00:00.000Z", v: null }, { t: "2026-11-30T00:02:00.000Z", v: 1 }],
    });
    expect(rows).toEqual([
      { t: Date.parse("2026-11-30T00:00:00Z"), ready: 3, unacked: null },
      { t: Date.parse("2026-11-30T00:01:00Z"), ready: 5, unacked: null },
      { t: Date.parse("2026-11-30T00:02:00Z"), ready: null, unacked: 1 },
    ]);
  });
});
