import { describe, expect, it } from "vitest";
import { estimateCatchUp, estimateLagSeconds, type EndOffsetPoint } from "./time-lag";

const NOW = 1_000_000;
// End offset grew by 10 messages every 10 s from offset 0 at t = NOW − 100 s, then the producer went idle at 100.
const history: EndOffsetPoint[] = Array.from({ length: 11 }, (_, i) => ({ ts: NOW - 100_000 + i * 10_000, endOffset: i * 10 }));

describe("estimateLagSeconds", () => {
  it.each([
    { name: "caught up", committed: 100, end: 100, now: NOW, seconds: 0, exact: true },
    { name: "caught up long after the producer went idle", committed: 100, end: 100, now: NOW + 3_600_000, seconds: 0, exact: true },
    { name: "message 50 arrived in the poll interval 50–40 s ago: 49 s", committed: 50, end: 100, now: NOW, seconds: 49, exact: true },
    { name: "behind an idle producer: grows with wall time", committed: 50, end: 100, now: NOW + 600_000, seconds: 649, exact: true },
    { name: "rewound to offset 5 (first poll window)", committed: 5, end: 100, now: NOW, seconds: 94, exact: true },
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
    expect(estimateCatchUp([{ ts: 0, committed: 0, end: 500 }, { ts: 10_000, committed: 200, end: 600 }], 400)).toEqual({ consumePerSecond: 20, producePerSecond: 10, seconds: 40 });
  });
});
