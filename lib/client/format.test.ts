import { describe, expect, it } from "vitest";
import { formatAgo, formatBytes, formatCount, formatDuration, formatIsoStep, formatRate, formatShare, parseRange } from "./format";

describe("format", () => {
  it.each([[null, "—"], [undefined, "—"], [0, "0"], [1234567, "1,234,567"]] as const)("formatCount(%s) = %s", (v, s) => {
    expect(formatCount(v)).toBe(s);
  });

  it.each([
    [null, "never"],
    ["2026-11-30T00:00:00Z", "0 s ago"],
    ["2026-11-29T23:59:15Z", "45 s ago"],
    ["2026-11-29T23:50:00Z", "10 min ago"],
    ["2026-11-29T21:00:00Z", "3 h ago"],
    ["2026-11-27T00:00:00Z", "3 d ago"],
  ] as const)("formatAgo(%s) = %s", (iso, s) => {
    expect(formatAgo(iso, Date.parse("2026-11-30T00:00:00Z"))).toBe(s);
  });

  it("parses ranges, defaulting to one hour", () => {
    expect(parseRange("24h").ms).toBe(86_400_000);
    expect(parseRange("bogus").key).toBe("1h");
    expect(parseRange(null).key).toBe("1h");
  });
});

describe("formatIsoStep", () => {
  it.each([["PT5S", "5 s"], ["PT15M", "15 min"], ["PT2H", "2 h"], ["P1D", "1 d"], ["P4D", "4 d"], ["weird", "weird"]] as const)("%s → %s", (iso, text) => {
    expect(formatIsoStep(iso)).toBe(text);
  });
});

describe("formatDuration", () => {
  it.each([[null, true, "—"], [0, true, "0 s"], [0.4, true, "0 s"], [59.6, true, "1 min"], [75, true, "1 min 15 s"], [7300, true, "2 h 1 min"], [200000, true, "2 d 7 h"], [90, false, "≥ 1 min 30 s"]] as const)("%s (exact %s) → %s", (s, exact, text) => {
    expect(formatDuration(s, exact)).toBe(text);
  });
});

describe("formatRate", () => {
  it.each([[null, "—"], [0, "0.00"], [2.345, "2.35"], [1234.6, "1,235"]] as const)("%s → %s", (v, text) => {
    expect(formatRate(v)).toBe(text);
  });
});

describe("formatBytes and formatShare", () => {
  it.each([[null, "—"], [512, "512 B"], [1536, "1.5 KiB"], [10_110_410_752, "9.4 GiB"]] as const)("formatBytes(%s) = %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
  it.each([[null, "—"], [0, "0 %"], [0.984, "98 %"], [1, "100 %"]] as const)("formatShare(%s) = %s", (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});
