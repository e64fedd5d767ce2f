import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["30s", 30_000],
    ["10m", 600_000],
    ["1h30m", 5_400_000],
    ["0s", 0],
    ["500ms", 500],
    ["1d", 86_400_000],
    ["2w", 1_209_600_000],
    [" 5m ", 300_000],
    ["30", null],
    ["-5m", null],
    ["5 m", null],
    ["1.5h", null],
    ["10y", null],
    ["", null],
  ])("%j → %s", (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [90_000, "1m30s"],
    [5_400_000, "1h30m"],
    [604_800_000 + 1_000, "1w1s"],
    [250, "250ms"],
  ])("%d → %s", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
    expect(parseDuration(expected)).toBe(ms);
  });
});
