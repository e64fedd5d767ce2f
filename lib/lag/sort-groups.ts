import type { ConsumerGroupSummaryDto } from "@/lib/api/types";

export const GROUP_SORTS = ["totalLag", "maxLag", "lagSeconds", "status", "groupId", "members"] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];
export type SortDirection = "asc" | "desc";

export function parseGroupSort(value: string | null): GroupSort {
  return GROUP_SORTS.find((s) => s === value) ?? "totalLag";
}

/** Worse status sorts higher: ERR > WARN > OK > UNKNOWN. */
const STATUS_SEVERITY: Record<string, number> = { ERR: 3, WARN: 2, OK: 1, UNKNOWN: 0 };

function sortValue(group: ConsumerGroupSummaryDto, sort: Exclude<GroupSort, "groupId">): number | null {
  return sort === "status" ? (STATUS_SEVERITY[group.status] ?? 0) : group[sort];
}

/** Pure: filter by case-insensitive substring of the group id, then sort; unknown values sort last. */
export function filterAndSortGroups(groups: readonly ConsumerGroupSummaryDto[], filter: string, sort: GroupSort, direction: SortDirection): ConsumerGroupSummaryDto[] {
  const needle = filter.trim().toLowerCase();
  const sign = direction === "asc" ? 1 : -1;
  return groups
    .filter((g) => needle === "" || g.groupId.toLowerCase().includes(needle))
    .sort((a, b) => {
      if (sort === "groupId") return sign * a.groupId.localeCompare(b.groupId);
      const x = sortValue(a, sort);
      const y = sortValue(b, sort);
      if (x === null && y === null) return a.groupId.localeCompare(b.groupId);
      if (x === null) return 1;
      if (y === null) return -1;
      return sign * (x - y) || a.groupId.localeCompare(b.groupId);
    });
}
