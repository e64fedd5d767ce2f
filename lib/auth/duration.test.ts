import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["30d", 30 * 86_400_000],
    ["12h", 12 * 3_600_000],
    ["2w", 14 * 86_400_000],
    [" 1h ", 3_600_000],
    ["3650d", 3650 * 86_400_000],
    ["0d", null],
    ["3651d", null],
    ["30", null],
    ["30m", null],
    ["-1d", null],
    ["1.5d", null],
    ["", null],
  ])("%j → %s", (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});
