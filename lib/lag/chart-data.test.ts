import { describe, expect, it } from "vitest";
import { countKnownPoints, toChartPoints } from "./chart-data";

describe("toChartPoints", () => {
  it("keeps gaps as null and converts time to epoch ms", () => {
    const rows = toChartPoints([{ t: "2026-11-30T00:00:00.000Z", v: 3 }, { t: "2026-11-30T00:01:00.000Z", v: null }]);
    expect(rows).toEqual([{ t: Date.parse("2026-11-30T00:00:00Z"), v: 3 }, { t: Date.parse("2026-11-30T00:01:00Z"), v: null }]);
    expect(countKnownPoints(rows)).toBe(1);
  });
});
