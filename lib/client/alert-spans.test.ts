import { describe, expect, it } from "vitest";
import type { AlertTransitionDto } from "@/lib/alerts/alert-dto";
import { computeAlertSpans, rangeCovering, spanPlacement } from "./alert-spans";

const T0 = Date.parse("2026-12-07T10:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN).toISOString();

const change = (minutes: number, from: string, to: string, fingerprint = "aaaaaaaaaaaaaaaa"): AlertTransitionDto => ({
  at: at(minutes), ruleId: "r1", ruleName: "Backlog", clusterId: "prod", fingerprint, labels: { alertname: "Backlog", cluster: "prod", queue: "orders" }, from, to, value: 1,
});

/** The API's order: newest first. */
const newestFirst = (...changes: AlertTransitionDto[]) => [...changes].reverse();

const brief = (fromMin: number, toMin: number, changes: AlertTransitionDto[]) =>
  computeAlertSpans(changes, T0 + fromMin * MIN, T0 + toMin * MIN).map((t) => ({
    fingerprint: t.fingerprint,
    spans: t.spans.map((s) => [s.state, (s.startMs - T0) / MIN, (s.endMs - T0) / MIN, s.clippedStart, s.ongoing]),
    totals: Object.fromEntries(Object.entries(t.totals).filter(([, ms]) => ms > 0).map(([state, ms]) => [state, ms / MIN])),
  }));

describe("computeAlertSpans", () => {
  it.each([
    {
      name: "pending, firing, resolved",
      changes: newestFirst(change(0, "inactive", "pending"), change(5, "pending", "firing"), change(20, "firing", "inactive")),
      window: [0, 60],
      spans: [["pending", 0, 5, false, false], ["firing", 5, 20, false, false]],
      totals: { pending: 5, firing: 15 },
    },
    {
      name: "still firing: runs to the window's end",
      changes: newestFirst(change(10, "inactive", "pending"), change(12, "pending", "firing")),
      window: [0, 30],
      spans: [["pending", 10, 12, false, false], ["firing", 12, 30, false, true]],
      totals: { pending: 2, firing: 18 },
    },
    {
      name: "the oldest known change leaves a state: it began before anything known",
      changes: newestFirst(change(10, "firing", "inactive")),
      window: [0, 30],
      spans: [["firing", 0, 10, true, false]],
      totals: { firing: 10 },
    },
    {
      name: "clipped to the window on both sides",
      changes: newestFirst(change(-30, "inactive", "firing"), change(40, "firing", "nodata")),
      window: [0, 30],
      spans: [["firing", 0, 30, true, true]],
      totals: { firing: 30 },
    },
    {
      name: "spans wholly outside the window are dropped",
      changes: newestFirst(change(-30, "inactive", "pending"), change(-20, "pending", "inactive"), change(5, "inactive", "error"), change(6, "error", "nodata")),
      window: [0, 30],
      spans: [["error", 5, 6, false, false], ["nodata", 6, 30, false, true]],
      totals: { error: 1, nodata: 24 },
    },
    {
      name: "unknown states end a span like inactive",
      changes: newestFirst(change(0, "inactive", "firing"), change(3, "firing", "something-new")),
      window: [0, 10],
      spans: [["firing", 0, 3, false, false]],
      totals: { firing: 3 },
    },
    {
      name: "no state changes",
      changes: [],
      window: [0, 10],
      spans: null,
      totals: null,
    },
  ])("$name", ({ changes, window, spans, totals }) => {
    const [from = 0, to = 0] = window;
    const result = brief(from, to, changes);
    if (spans === null) return expect(result).toEqual([]);
    expect(result).toEqual([{ fingerprint: "aaaaaaaaaaaaaaaa", spans, totals }]);
  });

  it("keeps equal-time changes in the API's order (newest first, so read backwards)", () => {
    // the collector can record pending → firing in the same poll as inactive → pending
    const changes = newestFirst(change(0, "inactive", "pending"), change(0, "pending", "firing"));
    expect(brief(0, 10, changes)[0]?.spans).toEqual([["firing", 0, 10, false, true]]);
  });

  it("gives one timeline per alert, the most recently changed first", () => {
    const changes = newestFirst(change(0, "inactive", "firing", "1111111111111111"), change(2, "inactive", "pending", "2222222222222222"), change(4, "firing", "inactive", "1111111111111111"));
    const timelines = computeAlertSpans(changes, T0, T0 + 10 * MIN);
    expect(timelines.map((t) => [t.fingerprint, (t.lastChangeMs - T0) / MIN])).toEqual([["1111111111111111", 4], ["2222222222222222", 2]]);
    expect(timelines[0]?.labels).toEqual({ alertname: "Backlog", cluster: "prod", queue: "orders" });
  });
});

describe("spanPlacement", () => {
  it.each([
    { span: [0, 50], left: 0, width: 50 },
    { span: [25, 100], left: 25, width: 75 },
    { span: [-10, 10], left: 0, width: 10 },
    { span: [90, 200], left: 90, width: 10 },
  ])("$span → left $left %, width $width %", ({ span, left, width }) => {
    const [startMs = 0, endMs = 0] = span;
    expect(spanPlacement({ startMs, endMs }, 0, 100)).toEqual({ leftPct: left, widthPct: width });
  });
  it("a window of no length places nothing", () => {
    expect(spanPlacement({ startMs: 0, endMs: 1 }, 5, 5)).toEqual({ leftPct: 0, widthPct: 0 });
  });
});

describe("rangeCovering", () => {
  const RANGES = [{ key: "15m", ms: 15 * MIN }, { key: "1h", ms: 60 * MIN }, { key: "1d", ms: 1440 * MIN }] as const;
  it.each([
    { ago: 5, key: "15m" },
    { ago: 14, key: "1h" }, // 14 min plus room does not fit in 15 min
    { ago: 50, key: "1h" },
    { ago: 58, key: "1d" },
    { ago: 100_000, key: "1d" },
    { ago: 0, key: "15m" },
  ])("changes since $ago min ago → $key", ({ ago, key }) => {
    expect(rangeCovering(RANGES, T0 - ago * MIN, T0).key).toBe(key);
  });
});
