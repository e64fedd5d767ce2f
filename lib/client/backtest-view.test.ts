import { describe, expect, it } from "vitest";
import { backtestChart, backtestSpans, backtestThreshold, backtestVerdict, breachWords, chartUnitOf, entityKey, entityLabel, formatFiringShare, formatMetricValue, historyStartsLate, mergeSpans, metricAxisLabel, verdictText, type FiringDto } from "./backtest-view";
import { chartTooltipNote } from "./chart-data";

const T0 = Date.parse("2026-12-01T00:00:00Z");
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const firing = (labels: Record<string, string>, startH: number, endH: number | null): FiringDto => ({
  labels, startsAt: iso(T0 + startH * H), endsAt: endH === null ? null : iso(T0 + endH * H), durationMs: ((endH ?? 24) - startH) * H, peak: 5,
});
const A = { cluster: "c", queue: "a" };
const B = { cluster: "c", queue: "b" };

describe("mergeSpans", () => {
  it("merges overlapping and touching spans and drops empty ones", () => {
    expect(mergeSpans([{ startMs: 5, endMs: 8 }, { startMs: 0, endMs: 2 }, { startMs: 2, endMs: 3 }, { startMs: 6, endMs: 10 }, { startMs: 12, endMs: 12 }])).toEqual([
      { startMs: 0, endMs: 3 },
      { startMs: 5, endMs: 10 },
    ]);
  });
});

describe("backtestVerdict", () => {
  const answer = (firings: FiringDto[], firingCount = firings.length) => ({
    from: iso(T0), to: iso(T0 + 24 * H),
    result: { firings, firingCount, entities: 14, firingEntities: new Set(firings.map((f) => entityKey(f.labels))).size },
  });

  it("counts the time any alert was firing once, and an open firing up to the end", () => {
    const verdict = backtestVerdict(answer([firing(A, 0, 6), firing(B, 3, 9), firing(A, 18, null)]));
    expect(verdict).toEqual({ firings: 3, firingEntities: 2, entities: 14, firingShare: 15 / 24, shareIsLowerBound: false, unlisted: 0 });
    expect(verdictText(verdict, "7d")).toBe("Would have fired 3 times for 2 of 14 entities in the last 7 days, firing 63 % of the time.");
  });

  it("says 'at least' when only some firings were listed", () => {
    const verdict = backtestVerdict(answer([firing(A, 0, 1)], 700));
    expect(verdict.shareIsLowerBound).toBe(true);
    expect(verdict.unlisted).toBe(699);
    expect(verdictText(verdict, "1d")).toBe("Would have fired 700 times for 1 of 14 entities in the last day, firing at least 4.2 % of the time.");
  });

  it.each([
    [{ firings: 0, firingEntities: 0, entities: 0, firingShare: 0, shareIsLowerBound: false, unlisted: 0 }, "No entity matches this rule in the last 30 days: nothing to evaluate."],
    [{ firings: 0, firingEntities: 0, entities: 1, firingShare: 0, shareIsLowerBound: false, unlisted: 0 }, "Would not have fired in the last 30 days (1 entity evaluated)."],
    [{ firings: 1, firingEntities: 1, entities: 1, firingShare: 1, shareIsLowerBound: false, unlisted: 0 }, "Would have fired once for 1 of 1 entity in the last 30 days, firing 100 % of the time."],
  ])("%j", (verdict, text) => {
    expect(verdictText(verdict, "30d")).toBe(text);
  });

  it.each([[0, "0 %"], [0.0004, "< 0.1 %"], [0.042, "4.2 %"], [0.5, "50 %"], [1, "100 %"]])("formatFiringShare(%s) = %s", (share, text) => {
    expect(formatFiringShare(share)).toBe(text);
  });
});

describe("backtestChart", () => {
  it("charts the first entities and shades only their firings", () => {
    const series = [
      { labels: A, points: [{ t: T0, v: 1 }, { t: T0 + H, v: null }] },
      { labels: B, points: [{ t: T0 + H, v: 3 }] },
      { labels: { cluster: "c", queue: "z" }, points: [{ t: T0, v: 9 }] },
    ];
    const chart = backtestChart(series, [firing(A, 0, 1), firing({ cluster: "c", queue: "z" }, 2, 3), firing(B, 0.5, 2)], T0 + 24 * H, 2);
    expect(chart.series).toEqual([{ key: "e0", labels: A }, { key: "e1", labels: B }]);
    expect(chart.rows).toEqual([{ t: T0, e0: 1, e1: null }, { t: T0 + H, e0: null, e1: 3 }]);
    expect(chart.spans).toEqual([{ startMs: T0, endMs: T0 + 2 * H }]);
  });
});

describe("labels and units", () => {
  it("names an entity by its values, cluster first", () => {
    expect(entityLabel({ queue: "orders", cluster: "prod", vhost: "/" })).toBe("prod · orders · /");
    expect(entityLabel({ queue: "orders", cluster: "prod", vhost: "/", x: "1" }, ["vhost", "queue"])).toBe("prod · / · orders · 1");
    expect(entityLabel({})).toBe("(no labels)");
    expect(entityKey({ b: "2", a: "1" })).toBe(entityKey({ a: "1", b: "2" }));
  });

  it.each([["seconds", "s"], ["messages/s", "msg/s"], ["0–1", "msg/s"], ["messages", "messages"], ["0/1", "messages"], ["partitions", "messages"]] as const)("chartUnitOf(%s) = %s", (unit, chartUnit) => {
    expect(chartUnitOf(unit)).toBe(chartUnit);
  });

  it("says which side breaches", () => {
    expect([breachWords(">"), breachWords("<="), breachWords("!=")]).toEqual(["above", "at or below", "not equal to"]);
  });
});

describe("historyStartsLate", () => {
  const day = 24 * H;
  it("names the first known value when history starts well inside the range", () => {
    expect(historyStartsLate([{ points: [{ t: T0, v: null }, { t: T0 + 20 * H, v: 1 }] }, { points: [{ t: T0 + 22 * H, v: 3 }] }], T0, T0 + day)).toBe(T0 + 20 * H);
  });
  it("is null when history covers the range, or there is none", () => {
    expect(historyStartsLate([{ points: [{ t: T0 + H, v: 1 }] }], T0, T0 + day)).toBeNull();
    expect(historyStartsLate([{ points: [{ t: T0 + H, v: null }] }], T0, T0 + day)).toBeNull();
    expect(historyStartsLate([], T0, T0 + day)).toBeNull();
  });
});

describe("formatMetricValue", () => {
  it.each([
    [null, "messages", "no data"],
    [1200, "messages", "1,200 messages"],
    [0.456, "messages/s", "0.46 messages/s"],
    [125, "seconds", "2 min 5 s"],
    [1, "0/1", "1"],
    [2, "0 OK / 1 WARN / 2 ERR", "2"],
  ] as const)("%s %s → %s", (value, unit, text) => {
    expect(formatMetricValue(value, unit)).toBe(text);
  });
});

describe("the threshold chart in words", () => {
  it("names the y axis by the metric's unit, or 'value' when that is too long", () => {
    expect([metricAxisLabel("messages"), metricAxisLabel("seconds"), metricAxisLabel("0 OK / 1 WARN / 2 ERR"), metricAxisLabel("")]).toEqual(["messages", "seconds", "value", ""]);
  });

  it("says the threshold in the legend and the rule in the tooltip, with 'firing' inside a span", () => {
    const threshold = backtestThreshold(100, ">", "messages");
    expect(threshold).toEqual({ value: 100, legend: "threshold: fires above 100 messages", tooltip: "rule: > 100 messages" });
    const spans = backtestSpans([{ startMs: T0, endMs: T0 + H }]);
    expect(spans.legend).toBe("would have been firing");
    expect(chartTooltipNote(T0, threshold, spans)).toBe("rule: > 100 messages · firing");
    expect(chartTooltipNote(T0 + H, threshold, spans)).toBe("rule: > 100 messages");
    expect(backtestThreshold(120, "<=", "seconds").tooltip).toBe("rule: <= 2 min");
  });
});
