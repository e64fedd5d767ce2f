export type SortDirection = "asc" | "desc";

/** +1 ascending, −1 descending: what a comparison is multiplied by. */
export const directionSign = (direction: SortDirection): 1 | -1 => (direction === "asc" ? 1 : -1);

/**
 * Pure comparator for table rows sorted by a figure that may be unknown (null): unknown sorts last in
 * either direction, equal figures fall back to `byName` (always ascending).
 */
export function compareFigures(x: number | null, y: number | null, direction: SortDirection, byName: () => number): number {
  if (x === null && y === null) return byName();
  if (x === null) return 1;
  if (y === null) return -1;
  return directionSign(direction) * (x - y) || byName();
}
