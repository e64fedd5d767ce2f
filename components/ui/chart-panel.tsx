"use client";

import type { ReactNode } from "react";
import { RANGES, type RangeKey } from "@/lib/client/format";

/** A titled chart box; with `onRange`, the time-range buttons every chart shares (they wrap on narrow screens). */
export function ChartPanel({ title, range, onRange, children, className = "" }: { title: string; range: RangeKey; onRange?: (key: RangeKey) => void; children: ReactNode; className?: string }) {
  return (
    <div className={`mb-6 min-w-0 rounded border border-slate-200 bg-white p-3 sm:p-4 dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-medium">{title}</h2>
        {onRange ? (
          <div className="flex flex-wrap gap-1" role="group" aria-label={`Time range of “${title}”`}>
            {RANGES.map((r) => (
              <button key={r.key} type="button" onClick={() => onRange(r.key)} aria-pressed={r.key === range}
                className={`rounded px-2 py-0.5 text-xs whitespace-nowrap ${r.key === range ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"}`}>
                {r.label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {children}
    </div>
  );
}
