import { describe, expect, it } from "vitest";
import type { ConsumerGroupSummaryDto } from "@/lib/api/types";
import { filterAndSortGroups, parseGroupSort } from "./sort-groups";

const group = (groupId: string, totalLag: number | null, members = 0, status = "OK", lagSeconds: number | null = totalLag): ConsumerGroupSummaryDto => ({
  groupId, groupProtocol: "classic", state: "Empty", members, totalLag, maxLag: totalLag, topics: [], polledAt: "2026-11-30T00:00:00Z",
  status, lagSeconds, lagSecondsExact: true, catchUpSeconds: null, consumeRate: null, produceRate: null,
});
const groups = [group("billing", 5, 0, "WARN", 300), group("Orders-A", null, 0, "UNKNOWN"), group("orders-b", 50, 2, "ERR", 12), group("audit", 0)];

describe("filterAndSortGroups", () => {
  it("sorts by total lag descending with unknown last", () => {
    expect(filterAndSortGroups(groups, "", "totalLag", "desc").map((g) => g.groupId)).toEqual(["orders-b", "billing", "audit", "Orders-A"]);
    expect(filterAndSortGroups(groups, "", "totalLag", "asc").map((g) => g.groupId)).toEqual(["audit", "billing", "orders-b", "Orders-A"]);
  });

  it("sorts by lag in seconds and by status severity", () => {
    expect(filterAndSortGroups(groups, "", "lagSeconds", "desc").map((g) => g.groupId)).toEqual(["billing", "orders-b", "audit", "Orders-A"]);
    expect(filterAndSortGroups(groups, "", "status", "desc").map((g) => g.groupId)).toEqual(["orders-b", "billing", "audit", "Orders-A"]);
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
