import { describe, expect, it } from "vitest";
import { endOffsetAt, estimateCatchUp, estimateLagSeconds, thinEndOffsetHistory, type EndOffsetPoint } from "./time-lag";

const NOW = 1_000_000;
// End offset grew by 10 messages every 10 s from offset 0 at t = NOW − 100 s, then the producer went idle at 100.
const history: EndOffsetPoint[] = Array.from({ length: 11 }, (_, i) => ({ ts: NOW - 100_000 + i * 10_000, endOffset: i * 10 }));

describe("estimateLagSeconds", () => {
  it.each([
    { name: "caught up", committed: 100, end: 100, now: NOW, seconds: 0, exact: true },
    { name: "caught up long after the producer went idle", committed: 100, end: 100, now: NOW + 3_600_000, seconds: 0, exact: true },
    { name: "message 50 arrived in the poll interval 50–40 s ago: 49.5 s (middle of its second)", committed: 50, end: 100, now: NOW, seconds: 49.5, exact: true },
    { name: "behind an idle producer: grows with wall time", committed: 50, end: 100, now: NOW + 600_000, seconds: 649.5, exact: true },
    { name: "rewound to offset 5 (first poll window)", committed: 5, end: 100, now: NOW, seconds: 94.5, exact: true },
    { name: "no committed offset", committed: null, end: 100, now: NOW, seconds: null, exact: null },
  ])("$name", ({ committed, end, now, seconds, exact }) => {
    const result = estimateLagSeconds(committed, end, history, now);
    if (seconds === null) expect(result).toBeNull();
    else expect(result).toEqual({ seconds, exact });
  });

  it("gives a lower bound when the committed offset is older than the history", () => {
    const shortHistory = history.slice(5); // starts at end offset 50, 50 s ago
    expect(estimateLagSeconds(20, 100, shortHistory, NOW)).toEqual({ seconds: 50, exact: false });
  });
});

describe("estimateCatchUp", () => {
  it.each([
    { name: "consumes 20/s, produces 10/s, 400 behind → 40 s", window: [{ ts: 0, committed: 0, end: 500 }, { ts: 10_000, committed: 200, end: 600 }], lag: 400, seconds: 40 },
    { name: "consumes as fast as produced → not catching up", window: [{ ts: 0, committed: 0, end: 100 }, { ts: 10_000, committed: 100, end: 200 }], lag: 100, seconds: null },
    { name: "consumer stopped → not catching up", window: [{ ts: 0, committed: 5, end: 100 }, { ts: 10_000, committed: 5, end: 100 }], lag: 95, seconds: null },
    { name: "caught up → 0", window: [{ ts: 0, committed: 5, end: 5 }], lag: 0, seconds: 0 },
    { name: "rewind in window → unknown", window: [{ ts: 0, committed: 500, end: 600 }, { ts: 10_000, committed: 100, end: 600 }], lag: 500, seconds: null },
    { name: "a single point → unknown", window: [{ ts: 0, committed: 0, end: 10 }], lag: 10, seconds: null },
  ])("$name", ({ window, lag, seconds }) => {
    expect(estimateCatchUp(window, lag).seconds).toBe(seconds);
  });

  it("reports the rates it used", () => {
    expect(estimateCatchUp([{ ts: 0, committed: 0, end: 500 }, { ts: 10_000, committed: 200, end: 600 }], 400)).toEqual({ consumeRate: 20, produceRate: 10, seconds: 40 });
  });
});

describe("endOffsetAt", () => {
  const current = { ts: NOW + 10_000, endOffset: 130 };
  it.each([
    { name: "on a point", ts: NOW - 50_000, end: 50 },
    { name: "between two points", ts: NOW - 45_000, end: 55 },
    { name: "between the last point and now", ts: NOW + 5_000, end: 115 },
    { name: "now or later", ts: NOW + 20_000, end: 130 },
    { name: "before the history: its first value", ts: NOW - 500_000, end: 0 },
  ])("$name → $end", ({ ts, end }) => {
    expect(endOffsetAt(history, current, ts)).toBe(end);
  });
});

describe("thinEndOffsetHistory", () => {
  const steady = (seconds: number): EndOffsetPoint[] => Array.from({ length: seconds / 10 + 1 }, (_, i) => ({ ts: i * 10_000, endOffset: i * 10 }));
  const options = (nowMs: number) => ({ exactMs: 300_000, resolution: 20, cutoffMs: nowMs - 6 * 3600_000 });

  it("keeps every point of the recent stretch and thins older ones to 1/20 of their age", () => {
    const points = steady(3 * 3600);
    const now = 3 * 3600_000;
    const thinned = thinEndOffsetHistory(points, now, options(now));
    expect(thinned.length).toBeLessThan(130); // of 1,081: 31 recent + ~20·ln(3 h / 5 min) older
    expect(thinned.filter((p) => p.ts >= now - 300_000)).toEqual(points.filter((p) => p.ts >= now - 300_000));
    expect(thinned[0]).toEqual(points[0]);
    for (let i = 1; i < thinned.length; i += 1) {
      const gap = (thinned[i]?.ts ?? 0) - (thinned[i - 1]?.ts ?? 0);
      expect(gap).toBeLessThanOrEqual(Math.max(10_000, (now - (thinned[i - 1]?.ts ?? 0)) / 20));
    }
  });

  it("bounds the error of a burst's age by 1/20 of its age", () => {
    // Idle, then 100 messages in one poll two hours ago, then idle again, all polled every 10 s.
    const now = 3 * 3600_000;
    const points: EndOffsetPoint[] = Array.from({ length: 1081 }, (_, i) => ({ ts: i * 10_000, endOffset: i * 10_000 >= 3600_000 ? 100 : 0 }));
    const thinned = thinEndOffsetHistory(points, now, options(now));
    const exact = estimateLagSeconds(50, 100, points, now)?.seconds ?? 0;
    const estimate = estimateLagSeconds(50, 100, thinned, now)?.seconds ?? 0;
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact / 20);
  });

  it("drops points older than the cutoff but the one just before it", () => {
    const points = steady(600);
    expect(thinEndOffsetHistory(points, 600_000, { exactMs: 600_000, resolution: 20, cutoffMs: 295_000 })[0]).toEqual({ ts: 290_000, endOffset: 290 });
  });
});
