"use client";

import type { ReactNode } from "react";
import { RANGES, type RangeKey } from "@/lib/client/format";

/** A titled chart box with the time-range buttons every chart shares. */
export function ChartPanel({ title, range, onRange, children }: { title: string; range: RangeKey; onRange: (key: RangeKey) => void; children: ReactNode }) {
  return (
    <div className="mb-6 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="font-medium">{title}</h2>
        <div className="flex gap-1" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button key={r.key} type="button" onClick={() => onRange(r.key)}
              className={`rounded px-2 py-0.5 text-xs ${r.key === range ? "bg-blue-600 text-white" : "bg-slate-100 dark:bg-slate-800"}`}>
              {r.label}
            </button>
          ))}
        </div>
      </div>
      {children}
    </div>
  );
}
