"use client";

/** A table header that sorts by its key; clicking the active one flips the direction. */
export function SortHeader<K extends string>({ label, sortKey, current, direction, onSort }: { label: string; sortKey: K; current: K; direction: "asc" | "desc"; onSort: (key: K) => void }) {
  const active = current === sortKey;
  return (
    <th aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : "none"}>
      <button type="button" className="whitespace-nowrap uppercase hover:text-slate-900 dark:hover:text-white" onClick={() => onSort(sortKey)}>
        {label} {active ? (direction === "asc" ? "▲" : "▼") : ""}
      </button>
    </th>
  );
}
