import type { ConsumerGroupSummaryDto } from "@/lib/api/types";
import { compareFigures, directionSign, type SortDirection } from "@/lib/client/sort";

export const GROUP_SORTS = ["totalLag", "maxLag", "lagSeconds", "status", "groupId", "members"] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

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
  return groups
    .filter((g) => needle === "" || g.groupId.toLowerCase().includes(needle))
    .sort((a, b) => {
      const byName = () => a.groupId.localeCompare(b.groupId);
      if (sort === "groupId") return directionSign(direction) * byName();
      return compareFigures(sortValue(a, sort), sortValue(b, sort), direction, byName);
    });
}
