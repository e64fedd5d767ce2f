import { describe, expect, it } from "vitest";
import type { ConsumerGroupSummaryDto } from "@/lib/api/types";
import { filterAndSortGroups, parseGroupSort } from "./sort-groups";

const group = (groupId: string, totalLag: number | null, members = 0): ConsumerGroupSummaryDto => ({
  groupId, state: "Empty", members, totalLag, maxLag: totalLag, topics: [], polledAt: "2026-11-30T00:00:00Z",
});
const groups = [group("billing", 5), group("Orders-A", null), group("orders-b", 50, 2), group("audit", 0)];

describe("filterAndSortGroups", () => {
  it("sorts by total lag descending with unknown last", () => {
    expect(filterAndSortGroups(groups, "", "totalLag", "desc").map((g) => g.groupId)).toEqual(["orders-b", "billing", "audit", "Orders-A"]);
    expect(filterAndSortGroups(groups, "", "totalLag", "asc").map((g) => g.groupId)).toEqual(["audit", "billing", "orders-b", "Orders-A"]);
  });

  it("filters case-insensitively by name", () => {
    expect(filterAndSortGroups(groups, " ORDERS ", "groupId", "asc").map((g) => g.groupId)).toEqual(["Orders-A", "orders-b"]);
    expect(filterAndSortGroups(groups, "nothing", "groupId", "asc")).toEqual([]);
  });

  it("parses sort keys with a default", () => {
    expect(parseGroupSort("members")).toBe("members");
    expect(parseGroupSort("drop table")).toBe("totalLag");
  });
});
