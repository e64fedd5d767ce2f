import { describe, expect, it } from "vitest";
import { depthGrowthRate, DepthWindows, growthRate, noConsumersAlarm, noConsumersFor, noConsumersSince, readyWithoutConsumers, type DepthPoint } from "./queue-signals";

describe("noConsumersSince", () => {
  it.each<{ name: string; previous: number | null; ready: number; consumers: number; since: number | null }>([
    { name: "a stretch starts now", previous: null, ready: 5, consumers: 0, since: 1_000 },
    { name: "a stretch continues from its start", previous: 400, ready: 9, consumers: 0, since: 400 },
    { name: "ends when a consumer appears", previous: 400, ready: 9, consumers: 1, since: null },
    { name: "ends when ready drops to 0", previous: 400, ready: 0, consumers: 0, since: null },
    { name: "empty queue without consumers is fine", previous: null, ready: 0, consumers: 0, since: null },
    { name: "consumed queue with a backlog is fine", previous: null, ready: 50, consumers: 2, since: null },
  ])("$name", ({ previous, ready, consumers, since }) => {
    expect(noConsumersSince(previous, ready, consumers, 1_000)).toBe(since);
  });

  it("restarts after a break", () => {
    let since: number | null = null;
    const polls: [number, number, number][] = [[0, 3, 0], [10, 3, 0], [20, 3, 1], [30, 4, 0], [40, 4, 0]];
    const seen = polls.map(([ts, ready, consumers]) => (since = noConsumersSince(since, ready, consumers, ts)));
    expect(seen).toEqual([0, 0, null, 30, 30]);
  });
});

describe("noConsumersFor", () => {
  it.each<{ since: number | null; at: number; fires: boolean }>([
    { since: null, at: 60_000, fires: false },
    { since: 0, at: 30_000, fires: false },
    { since: 0, at: 60_000, fires: true },
    { since: 0, at: 70_000, fires: true },
  ])("stretch since $since, at $at, threshold 60 s → $fires", ({ since, at, fires }) => {
    expect(noConsumersFor(since, at, 60_000)).toBe(fires);
  });
});

/** One point every 10 s from t = 0. */
const series = (...depths: number[]): DepthPoint[] => depths.map((depth, i) => ({ ts: i * 10_000, depth }));
const WINDOW = 60_000;

describe("noConsumersAlarm", () => {
  it.each<{ name: string; noConsumers: boolean; target: boolean; publishRate: number | null; alarm: boolean }>([
    { name: "a work queue without consumers", noConsumers: true, target: false, publishRate: 5, alarm: true },
    { name: "a DLQ without consumers that only receives dead letters", noConsumers: true, target: true, publishRate: 0, alarm: false },
    { name: "a DLQ whose publish rate is not known yet", noConsumers: true, target: true, publishRate: null, alarm: false },
    { name: "a DLQ that also gets direct publishes", noConsumers: true, target: true, publishRate: 2, alarm: true },
    { name: "a served queue", noConsumers: false, target: false, publishRate: 5, alarm: false },
  ])("$name → $alarm", ({ noConsumers, target, publishRate, alarm }) => {
    expect(noConsumersAlarm(noConsumers, target, publishRate)).toBe(alarm);
  });
});

describe("readyWithoutConsumers", () => {
  it.each<{ name: string; ready: number | null; consumers: number | null; target: boolean; publishRate: number | null; value: number | null }>([
    { name: "a work queue without consumers: its ready messages", ready: 7, consumers: 0, target: false, publishRate: 5, value: 7 },
    { name: "an empty queue without consumers", ready: 0, consumers: 0, target: false, publishRate: 0, value: 0 },
    { name: "a served queue with a backlog", ready: 50, consumers: 2, target: false, publishRate: 5, value: 0 },
    { name: "a DLQ that only receives dead letters", ready: 4, consumers: 0, target: true, publishRate: 0, value: 0 },
    { name: "a DLQ whose publish rate is not known yet", ready: 4, consumers: 0, target: true, publishRate: null, value: 0 },
    { name: "a DLQ that also gets direct publishes", ready: 4, consumers: 0, target: true, publishRate: 2, value: 4 },
    { name: "ready unknown: no sample", ready: null, consumers: 0, target: false, publishRate: null, value: null },
    { name: "consumers unknown: no sample", ready: 3, consumers: null, target: false, publishRate: null, value: null },
  ])("$name → $value", ({ ready, consumers, target, publishRate, value }) => {
    expect(readyWithoutConsumers(ready, consumers, target, publishRate)).toBe(value);
  });
});

describe("depthGrowthRate", () => {
  it.each<{ name: string; points: DepthPoint[]; now: number; rate: number | null }>([
    { name: "steady rise of 1 msg/s", points: series(0, 10, 20, 30, 40, 50, 60), now: 60_000, rate: 1 },
    { name: "flat: judged, not growing", points: series(7, 7, 7, 7, 7, 7, 7), now: 60_000, rate: 0 },
    { name: "falling: 0, not the negative slope", points: series(60, 50, 40, 30, 20, 10, 0), now: 60_000, rate: 0 },
    { name: "noisy, positive slope but ends below start", points: series(10, 5, 30, 25, 40, 35, 8), now: 60_000, rate: 0 },
    { name: "too few points: not judged", points: series(0, 100), now: 10_000, rate: null },
    { name: "too short a span: not judged", points: series(0, 10, 20), now: 20_000, rate: null },
    { name: "empty: not judged", points: [], now: 60_000, rate: null },
  ])("$name → $rate", ({ points, now, rate }) => {
    const result = depthGrowthRate(points, WINDOW, now);
    if (rate === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(rate, 9);
  });
});

describe("growthRate", () => {
  it.each<{ name: string; points: DepthPoint[]; now: number; rate: number | null }>([
    { name: "steady rise of 1 msg/s", points: series(0, 10, 20, 30, 40, 50, 60), now: 60_000, rate: 1 },
    { name: "flat", points: series(7, 7, 7, 7, 7, 7, 7), now: 60_000, rate: null },
    { name: "falling", points: series(60, 50, 40, 30, 20, 10, 0), now: 60_000, rate: null },
    { name: "sawtooth ending where it began", points: series(0, 50, 0, 50, 0, 50, 0), now: 60_000, rate: null },
    { name: "noisy, positive slope but ends below start", points: series(10, 5, 30, 25, 40, 35, 8), now: 60_000, rate: null },
    { name: "rose then fell back below the start", points: series(20, 40, 60, 80, 60, 30, 10), now: 60_000, rate: null },
    { name: "too few points", points: series(0, 100), now: 10_000, rate: null },
    { name: "too short a span (20 s of a 60 s window)", points: series(0, 10, 20), now: 20_000, rate: null },
    { name: "exactly half the window is enough", points: series(0, 15, 30, 45), now: 30_000, rate: 1.5 },
    { name: "empty", points: [], now: 60_000, rate: null },
  ])("$name → $rate", ({ points, now, rate }) => {
    const result = growthRate(points, WINDOW, now);
    if (rate === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(rate, 9);
  });

  it("ignores points outside the window and does not depend on their order", () => {
    // An old spike (outside the window) then a steady 2 msg/s rise.
    const points = [{ ts: 0, depth: 10_000 }, ...series(0, 20, 40, 60).map((p) => ({ ts: p.ts + 100_000, depth: p.depth }))];
    expect(growthRate(points.reverse(), WINDOW, 130_000)).toBeCloseTo(2, 9);
    // Points "from the future" (clock skew) are not in the window either.
    expect(growthRate([...series(0, 20, 40, 60), { ts: 999_000, depth: 0 }], WINDOW, 30_000)).toBeCloseTo(2, 9);
  });

  it("slope is least squares, not end-to-start", () => {
    // End-to-start would be 6 msgs / 60 s = 0.1/s; the fit weighs one late jump against six flat points.
    const rate = growthRate(series(0, 0, 0, 0, 0, 0, 6), WINDOW, 60_000);
    expect(rate).toBeCloseTo(18 / 280, 9);
  });
});

describe("DepthWindows", () => {
  it("keeps points within windowMs of the newest and forgets unseen queues", () => {
    const windows = new DepthWindows(20_000);
    windows.observe("a", { ts: 0, depth: 1 });
    windows.observe("a", { ts: 10_000, depth: 2 });
    expect(windows.observe("a", { ts: 20_000, depth: 3 })).toEqual([{ ts: 0, depth: 1 }, { ts: 10_000, depth: 2 }, { ts: 20_000, depth: 3 }]);
    expect(windows.observe("a", { ts: 30_000, depth: 4 }).map((p) => p.ts)).toEqual([10_000, 20_000, 30_000]);
    expect(windows.observe("b", { ts: 30_000, depth: 9 })).toEqual([{ ts: 30_000, depth: 9 }]);
    expect(windows.size).toBe(2);

    windows.retainOnly(new Set(["b", "never-seen"]));
    expect(windows.size).toBe(1);
    expect(windows.observe("a", { ts: 40_000, depth: 5 })).toEqual([{ ts: 40_000, depth: 5 }]);
  });

  it("stays bounded over many polls and feeds growthRate", () => {
    const windows = new DepthWindows(WINDOW);
    let window: DepthPoint[] = [];
    for (let i = 0; i <= 1_000; i++) window = windows.observe("q", { ts: i * 10_000, depth: i * 5 });
    expect(window).toHaveLength(7);
    expect(growthRate(window, WINDOW, 10_000_000)).toBeCloseTo(0.5, 9);
  });

  it("returns a copy, so callers cannot corrupt the window", () => {
    const windows = new DepthWindows(WINDOW);
    windows.observe("q", { ts: 0, depth: 1 }).push({ ts: 1, depth: 999 });
    expect(windows.observe("q", { ts: 10_000, depth: 2 })).toEqual([{ ts: 0, depth: 1 }, { ts: 10_000, depth: 2 }]);
  });
});
