import { describe, expect, it } from "vitest";
import { expiredPartitions, partitionRange, partitionRangesCovering, partitionStartFromName } from "./partitions";

const t = (iso: string) => Date.parse(iso);

describe("partitions", () => {
  it("computes day and month ranges in UTC", () => {
    expect(partitionRange(t("2026-11-30T23:59:59Z"), "day")).toEqual({ start: t("2026-11-30T00:00:00Z"), end: t("2026-12-01T00:00:00Z") });
    expect(partitionRange(t("2026-12-31T12:00:00Z"), "month")).toEqual({ start: t("2026-12-01T00:00:00Z"), end: t("2027-01-01T00:00:00Z") });
  });

  it("covers a range with consecutive partitions", () => {
    expect(partitionRangesCovering(t("2026-11-29T10:00:00Z"), t("2026-12-01T00:00:00Z"), "day").map((r) => new Date(r.start).toISOString().slice(0, 10)))
      .toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
  });

  it("parses our partition names only", () => {
    expect(partitionStartFromName("samples_p20261130", "samples")).toBe(t("2026-11-30T00:00:00Z"));
    expect(partitionStartFromName("rollup_1m_p20261130", "samples")).toBeNull();
    expect(partitionStartFromName("samples_default", "samples")).toBeNull();
  });

  it("expires only partitions that end at or before the cutoff", () => {
    const names = ["samples_p20261121", "samples_p20261122", "samples_p20261123", "samples_pbogus"];
    expect(expiredPartitions(names, "samples", "day", t("2026-11-23T00:00:00Z"))).toEqual(["samples_p20261121", "samples_p20261122"]);
    expect(expiredPartitions(["rollup_1h_p20261001", "rollup_1h_p20261101"], "rollup_1h", "month", t("2026-11-15T00:00:00Z"))).toEqual(["rollup_1h_p20261001"]);
  });
});
