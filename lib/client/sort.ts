export type SortDirection = "asc" | "desc";

/**
 * Pure comparator for table rows sorted by a figure that may be unknown (null): unknown sorts last in
 * either direction, equal figures fall back to `byName` (always ascending).
 */
export function compareFigures(x: number | null, y: number | null, direction: SortDirection, byName: () => number): number {
  if (x === null && y === null) return byName();
  if (x === null) return 1;
  if (y === null) return -1;
  return (direction === "asc" ? 1 : -1) * (x - y) || byName();
}
