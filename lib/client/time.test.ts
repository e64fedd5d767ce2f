import { describe, expect, it } from "vitest";
import { chooseTickStep, computeTimeTicks, formatDateTimeIn, formatTickIn, formatTimeIn, zoneOffsetMs } from "./time";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
// "now" for every case: Wednesday 2 December 2026, 15:04:10 UTC.
const now = Date.parse("2026-12-02T15:04:10Z");

describe("formatting in a zone", () => {
  it.each([
    ["UTC", "15:04:10", "Wed 2 Dec, 15:04:10 UTC"],
    ["Europe/Berlin", "16:04:10", "Wed 2 Dec, 16:04:10 CET"],
    ["Asia/Kolkata", "20:34:10", "Wed 2 Dec, 20:34:10 GMT+5:30"],
    ["America/New_York", "10:04:10", "Wed 2 Dec, 10:04:10 GMT-5"],
  ] as const)("%s: %s / %s", (zone, time, dateTime) => {
    expect(formatTimeIn(now, zone)).toBe(time);
    expect(formatDateTimeIn(now, zone)).toBe(dateTime);
  });

  it.each([
    ["UTC", 0],
    ["Europe/Berlin", HOUR],
    ["Asia/Kolkata", 5.5 * HOUR],
    ["America/New_York", -5 * HOUR],
  ] as const)("offset of %s is %d ms", (zone, offset) => {
    expect(zoneOffsetMs(now, zone)).toBe(offset);
  });

  it.each([
    [now, 2 * MIN, "UTC", "15:04:10"],
    [now, HOUR, "UTC", "15:04"],
    [now, DAY, "UTC", "15:04"],
    [Date.parse("2026-12-02T00:00:00Z"), 7 * DAY, "UTC", "Wed 2 Dec"],
    [Date.parse("2026-12-02T12:00:00Z"), 7 * DAY, "UTC", "2 Dec 12:00"],
    [Date.parse("2026-12-01T23:00:00Z"), 7 * DAY, "Europe/Berlin", "Wed 2 Dec"],
  ] as const)("tick %s over %d ms in %s → %s", (ms, span, zone, text) => {
    expect(formatTickIn(ms, span, zone)).toBe(text);
  });
});

describe("round tick steps", () => {
  it.each([
    [10_000, 6, 2_000],
    [45_000, 6, 10_000],
    [15 * MIN, 6, 5 * MIN],
    [HOUR, 6, 10 * MIN],
    [6 * HOUR, 6, HOUR],
    [24 * HOUR, 6, 6 * HOUR],
    [24 * HOUR, 4, 6 * HOUR],
    [7 * DAY, 6, 2 * DAY],
    [7 * DAY, 3, 7 * DAY],
    [60 * DAY, 6, 14 * DAY],
  ] as const)("span %d ms, at most %d ticks → step %d ms", (span, maxTicks, step) => {
    expect(chooseTickStep(span, maxTicks)).toBe(step);
  });

  it("puts ticks on round minutes over the last hour", () => {
    const ticks = computeTimeTicks(now - HOUR, now, "UTC");
    expect(ticks.map(iso)).toEqual([
      "2026-12-02T14:10:00.000Z", "2026-12-02T14:20:00.000Z", "2026-12-02T14:30:00.000Z",
      "2026-12-02T14:40:00.000Z", "2026-12-02T14:50:00.000Z", "2026-12-02T15:00:00.000Z",
    ]);
  });

  it("aligns 6-hour ticks to the zone's wall clock, not UTC", () => {
    expect(computeTimeTicks(now - DAY, now, "Asia/Kolkata").map((t) => formatTimeIn(t, "Asia/Kolkata"))).toEqual(["00:00:00", "06:00:00", "12:00:00", "18:00:00"]);
    expect(computeTimeTicks(now - DAY, now, "UTC").map(iso)).toEqual([
      "2026-12-01T18:00:00.000Z", "2026-12-02T00:00:00.000Z", "2026-12-02T06:00:00.000Z", "2026-12-02T12:00:00.000Z",
    ]);
  });

  it("puts 7-day range ticks at local midnights and labels them with dates", () => {
    const ticks = computeTimeTicks(now - 7 * DAY, now, "Europe/Berlin");
    expect(ticks.map((t) => formatTickIn(t, 7 * DAY, "Europe/Berlin"))).toEqual(["Fri 27 Nov", "Sun 29 Nov", "Tue 1 Dec"]);
  });

  it("keeps hour ticks on the hour across a daylight-saving change", () => {
    // Europe/Berlin leaves summer time on 25 Oct 2026 at 03:00 local (01:00 UTC).
    const start = Date.parse("2026-10-24T22:00:00Z");
    const ticks = computeTimeTicks(start, start + 6 * HOUR, "Europe/Berlin");
    expect(ticks.map((t) => formatTimeIn(t, "Europe/Berlin").slice(3))).toEqual(Array(ticks.length).fill("00:00"));
    expect(ticks.length).toBeGreaterThanOrEqual(6);
  });

  it("gives no ticks for an empty or inverted span", () => {
    expect(computeTimeTicks(now, now, "UTC")).toEqual([]);
    expect(computeTimeTicks(now, now - 1, "UTC")).toEqual([]);
  });
});
