import { describe, expect, it } from "vitest";
import {
  chartTooltipNote, computeValueTicks, countKnownPoints, formatAxisValue, formatValueWithUnit, isInSpans, isolatedPointIndices, sparklinePath, spansInRange, splitAtSeparators, maxRowValue, mergeSeriesPoints,
  minRowValue, pointsByLabel, thresholdAxisTicks, valueAxisTicks, type ChartSpans, type ChartThreshold, type MultiChartRow,
} from "./chart-data";

describe("countKnownPoints", () => {
  it("counts values, not gaps", () => {
    expect(countKnownPoints([{ t: 0, v: 3 }, { t: 60_000, v: null }, { t: 120_000, v: 0 }])).toBe(2);
  });
});

describe("mergeSeriesPoints", () => {
  it("joins series on time, sorted, with nulls where a series has no value", () => {
    const rows = mergeSeriesPoints({
      ready: [{ t: Date.parse("2026-11-30T00:01:00Z"), v: 5 }, { t: Date.parse("2026-11-30T00:00:00Z"), v: 3 }],
      unacked: [{ t: Date.parse("2026-11-30T00:00:00Z"), v: null }, { t: Date.parse("2026-11-30T00:02:00Z"), v: 1 }],
    });
    expect(rows).toEqual([
      { t: Date.parse("2026-11-30T00:00:00Z"), ready: 3, unacked: null },
      { t: Date.parse("2026-11-30T00:01:00Z"), ready: 5, unacked: null },
      { t: Date.parse("2026-11-30T00:02:00Z"), ready: null, unacked: 1 },
    ]);
  });
});

describe("y-axis ticks round in the unit", () => {
  it.each([
    [12, "msg/s", [0, 5, 10, 15]],
    [6, "msg/s", [0, 2, 4, 6]],
    [0.3, "msg/s", [0, 0.1, 0.2, 0.3]],
    [0.07, "msg/s", [0, 0.02, 0.04, 0.06, 0.08]],
    [0, "msg/s", [0, 1]],
    [3, "messages", [0, 1, 2, 3]],
    [36, "messages", [0, 10, 20, 30, 40]],
    [1234, "messages", [0, 500, 1000, 1500]],
    [0, "messages", [0, 1]],
    [45, "s", [0, 15, 30, 45]],
    [200, "s", [0, 60, 120, 180, 240]],
    [7000, "s", [0, 1800, 3600, 5400, 7200]],
  ] as const)("max %d %s → %j", (max, unit, ticks) => {
    expect(computeValueTicks(max, unit)).toEqual(ticks);
  });

  it.each([
    [0.2, "msg/s", 0.1, "0.2"],
    [0, "msg/s", 0.1, "0"],
    [0.06, "msg/s", 0.02, "0.06"],
    [15, "msg/s", 5, "15"],
    [1500, "messages", 500, "1,500"],
    [250_000, "messages", 50_000, "250k"],
    [3_000_000, "messages", 1_000_000, "3M"],
    [120, "s", 60, "2 min"],
    [5400, "s", 1800, "1 h 30 min"],
  ] as const)("axis value %d %s (step %d) → %s", (value, unit, step, text) => {
    expect(formatAxisValue(value, unit, step)).toBe(text);
  });

  it.each([
    [null, "messages", "no data"],
    [1, "messages", "1 message"],
    [1234, "messages", "1,234 messages"],
    [2.5, "msg/s", "2.50 msg/s"],
    [65, "s", "1 min 5 s"],
  ] as const)("tooltip value %s %s → %s", (value, unit, text) => {
    expect(formatValueWithUnit(value, unit)).toBe(text);
  });
});

describe("chart rows", () => {
  const rows = [
    { t: 1, a: 5, b: 1 }, { t: 2, a: null, b: 2 }, { t: 3, a: 7, b: null }, { t: 4, a: null, b: 4 }, { t: 5, a: 1, b: 5 }, { t: 6, a: 2, b: null },
  ] as MultiChartRow[];

  it("gives dots only to points with no known neighbour", () => {
    expect([...isolatedPointIndices(rows, "a")]).toEqual([0, 2]);
    expect([...isolatedPointIndices(rows, "b")]).toEqual([]);
    expect([...isolatedPointIndices([], "a")]).toEqual([]);
  });

  it("takes the stacked maximum as the sum of a row, the overlaid maximum as its largest value", () => {
    expect(maxRowValue(rows, ["a", "b"], true)).toBe(7);
    expect(maxRowValue(rows, ["a", "b"], false)).toBe(7);
    expect(maxRowValue([{ t: 1, a: 3, b: 4 } as MultiChartRow], ["a", "b"], true)).toBe(7);
    expect(maxRowValue([{ t: 1, a: 3, b: 4 } as MultiChartRow], ["a", "b"], false)).toBe(4);
  });

  it("keys one request's series by a label for sparklines", () => {
    const byGroup = pointsByLabel([
      { labels: { group: "g1" }, points: [{ t: Date.parse("2026-12-02T00:00:00Z"), v: 3 }] },
      { labels: { group: "g2" }, points: [{ t: Date.parse("2026-12-02T00:00:00Z"), v: null }] },
      { labels: {}, points: [] },
    ], (l) => l.group);
    expect([...byGroup.keys()]).toEqual(["g1", "g2"]);
    expect(byGroup.get("g2")).toEqual([{ t: Date.parse("2026-12-02T00:00:00Z"), v: null }]);
  });
});

describe("y ticks with a threshold", () => {
  it.each([
    ["data above the threshold", [0, 120, 340], 100, "messages", [0, 100, 200, 300, 400]],
    ["a threshold above the data", [0, 3], 10000, "messages", [0, 5000, 10000, 15000]],
    ["negative values", [-3, 4], 0, "msg/s", [-4, -2, 0, 2, 4]],
    ["no data at all", [], 0, "messages", [0, 1]],
    ["fractions", [0.2, 0.9], 0.5, "msg/s", [0, 0.5, 1]],
  ] as const)("thresholdAxisTicks: %s", (_name, values, threshold, unit, ticks) => {
    expect(thresholdAxisTicks(values, threshold, unit)).toEqual(ticks);
  });

  const rows = [{ t: 1, a: 120, b: -3 }, { t: 2, a: null, b: 340 }, { t: 3, a: 7, b: null }] as MultiChartRow[];

  it("takes the lowest known value, never above zero", () => {
    expect(minRowValue(rows, ["a", "b"])).toBe(-3);
    expect(minRowValue(rows, ["a"])).toBe(0);
    expect(minRowValue([], ["a"])).toBe(0);
  });

  it("keeps every chart's axis without a threshold, and covers the threshold and values below zero with one", () => {
    expect(valueAxisTicks(rows, ["a"], "messages", false)).toEqual(computeValueTicks(120, "messages"));
    expect(valueAxisTicks(rows, ["a", "b"], "messages", true)).toEqual(computeValueTicks(340, "messages"));
    expect(valueAxisTicks(rows, ["a"], "messages", false, 1000)).toEqual([0, 500, 1000, 1500]);
    expect(valueAxisTicks(rows, ["a", "b"], "messages", false, 100)).toEqual(thresholdAxisTicks([-3, 120, 340, 7], 100, "messages"));
  });
});

describe("threshold and spans", () => {
  const threshold: ChartThreshold = { value: 5, legend: "threshold: fires above 5", tooltip: "rule: > 5" };
  const spans: ChartSpans = { spans: [{ startMs: 10, endMs: 20 }, { startMs: 30, endMs: 60 }], legend: "would have been firing", tooltip: "firing" };

  it("cuts spans to the range and leaves out those outside it", () => {
    expect(spansInRange([{ startMs: 0, endMs: 15 }, { startMs: 30, endMs: 60 }, { startMs: 200, endMs: 300 }, { startMs: -9, endMs: 5 }], 10, 50)).toEqual([
      { startMs: 10, endMs: 15 },
      { startMs: 30, endMs: 50 },
    ]);
  });

  it.each([[9, false], [10, true], [19, true], [20, false], [45, true], [60, false]] as const)("time %d in a span: %s", (t, inside) => {
    expect(isInSpans(spans.spans, t)).toBe(inside);
  });

  it("notes the threshold, then the spans' word inside one, and nothing without either", () => {
    expect(chartTooltipNote(15, threshold, spans)).toBe("rule: > 5 · firing");
    expect(chartTooltipNote(25, threshold, spans)).toBe("rule: > 5");
    expect(chartTooltipNote(15, undefined, spans)).toBe("firing");
    expect(chartTooltipNote(25, undefined, spans)).toBeNull();
    expect(chartTooltipNote(15, undefined, undefined)).toBeNull();
  });
});

describe("sparklinePath", () => {
  it("draws one run per stretch of known values and scales to the box", () => {
    const pts = [{ t: 0, v: 0 }, { t: 50, v: 10 }, { t: 100, v: null }, { t: 150, v: 5 }, { t: 200, v: 10 }];
    expect(sparklinePath(pts, 0, 200, 100, 22)).toBe("M0.0,21.0L25.0,1.0 M75.0,11.0L100.0,1.0");
  });

  it("shows a lone point as a short tick, an all-zero series along the bottom, nothing for no data", () => {
    expect(sparklinePath([{ t: 0, v: null }, { t: 100, v: 4 }, { t: 200, v: null }], 0, 200, 100, 22)).toBe("M50.0,1.0L52.0,1.0");
    expect(sparklinePath([{ t: 0, v: 0 }, { t: 200, v: 0 }], 0, 200, 100, 22)).toBe("M0.0,21.0L100.0,21.0");
    expect(sparklinePath([{ t: 0, v: null }], 0, 200, 100, 22)).toBe("");
  });
});

describe("splitAtSeparators", () => {
  it.each([
    ["emails.outbound", ["emails.", "outbound"]],
    ["orders-eu_west/dlq", ["orders-", "eu_", "west/", "dlq"]],
    ["plain", ["plain"]],
    ["window.__pwned", ["window.__", "pwned"]],
    ["", []],
  ] as const)("%s → %j", (name, parts) => {
    expect(splitAtSeparators(name)).toEqual(parts);
  });
});
