"use client";

import { TIME_ZONE_CHOICES, useTimeFormat } from "@/lib/client/time";

/** Local time or UTC for every time on every page; the choice is remembered in this browser. */
export function TimeZoneSwitch() {
  const { zone, zoneLabel, setZone } = useTimeFormat();
  return (
    <div className="inline-flex items-center gap-1 text-xs" role="group" aria-label="Time zone">
      <span className="text-slate-600 dark:text-slate-300">Times in</span>
      {TIME_ZONE_CHOICES.map((choice) => (
        <button key={choice} type="button" aria-pressed={zone === choice} onClick={() => setZone(choice)}
          className={`rounded px-2 py-0.5 ${zone === choice ? "bg-blue-700 text-white" : "bg-slate-100 text-slate-800 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"}`}>
          {choice === zone ? zoneLabel : choice}
        </button>
      ))}
    </div>
  );
}
