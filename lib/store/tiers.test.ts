import { describe, expect, it } from "vitest";
import { minStepForPollInterval } from "./buckets";
import { chooseTier, DEFAULT_RETENTION_DAYS } from "./tiers";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const H = 3600_000;
const D = 24 * H;

describe("chooseTier", () => {
  it.each([
    { name: "last hour, 600 points", from: NOW - H, to: NOW, points: 600, tier: "raw", step: 10 },
    { name: "last 24 h, 600 points", from: NOW - D, to: NOW, points: 600, tier: "1m", step: 300 },
    { name: "last 24 h, 2000 points (43 s minimum)", from: NOW - D, to: NOW, points: 2000, tier: "1m", step: 60 },
    { name: "last 30 days", from: NOW - 30 * D, to: NOW, points: 600, tier: "1h", step: 7200 },
    { name: "last 10 days (step 30 min)", from: NOW - 10 * D, to: NOW, points: 600, tier: "1m", step: 1800 },
    { name: "an hour 20 days ago: raw is gone, step grows to 1 min", from: NOW - 20 * D, to: NOW - 20 * D + H, points: 600, tier: "1m", step: 60 },
    { name: "an hour 100 days ago: only 1 h buckets", from: NOW - 100 * D, to: NOW - 100 * D + H, points: 600, tier: "1h", step: 3600 },
    { name: "a year", from: NOW - 365 * D, to: NOW, points: 600, tier: "1h", step: 86400 },
  ])("$name → $tier / $step s", ({ from, to, points, tier, step }) => {
    expect(chooseTier(from, to, NOW, points, DEFAULT_RETENTION_DAYS)).toEqual({ tier, stepSeconds: step });
  });

  it.each([
    { name: "15 min, 10 s polls", from: NOW - 15 * 60_000, poll: 10, tier: "raw", step: 15 },
    { name: "1 h, 60 s polls", from: NOW - H, poll: 60, tier: "1m", step: 120 },
    { name: "15 min, 60 s polls, 1 minute tier", from: NOW - 15 * 60_000, poll: 60, tier: "1m", step: 120 },
  ])("never finer than the poll interval: $name → $tier / $step s", ({ from, poll, tier, step }) => {
    expect(chooseTier(from, NOW, NOW, 600, DEFAULT_RETENTION_DAYS, minStepForPollInterval(poll))).toEqual({ tier, stepSeconds: step });
  });

  it("honours configured retention", () => {
    const short = { raw: 1, "1m": 2, "1h": 400 };
    expect(chooseTier(NOW - 3 * D, NOW - 3 * D + H, NOW, 600, short)).toEqual({ tier: "1h", stepSeconds: 3600 });
  });
});
