import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways inside its own card (never the page), with its first column
 * sticky so each row keeps its name; header cells never wrap into each other.
 */
export function DataTable({ children, testId, label }: { children: ReactNode; testId?: string; label: string }) {
  return (
    <div className="data-table-card mb-6 max-w-full overflow-x-auto rounded border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" role="region" aria-label={label} tabIndex={0}>
      <table className="data-table w-full text-left text-sm" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

/**
 * The box of a name in a table cell: wide enough that names wrap at their separators, not after every
 * few letters, and capped so one long name cannot push the figures out of view.
 */
export const NAME_CELL = "min-w-[8rem] max-w-[11rem] sm:min-w-[12rem] sm:max-w-xs 2xl:min-w-[16rem] 2xl:max-w-md";

/** A table's header row in the house style: one plain column title per entry. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="border-b border-slate-200 text-xs text-slate-600 uppercase dark:border-slate-800 dark:text-slate-300">
      <tr>
        {columns.map((column) => <th key={column}>{column}</th>)}
      </tr>
    </thead>
  );
}
