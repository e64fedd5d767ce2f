"use client";

import Link from "next/link";
import { useAlerts } from "@/lib/client/alert-hooks";

/** The header's "Alerts" link with the number of firing alerts (grey when a silence mutes every one of them). */
export function HeaderAlertsLink({ className }: { className: string }) {
  const alerts = useAlerts();
  const firing = alerts.data?.alerts.filter((alert) => alert.state === "firing") ?? [];
  const muted = firing.filter((alert) => alert.silencedBy.length > 0).length;
  const loud = firing.length - muted;
  return (
    <Link href="/alerts" className={`${className} inline-flex items-center gap-1.5`} data-testid="nav-alerts">
      Alerts
      {firing.length > 0 ? (
        <span title={`${firing.length} firing${muted > 0 ? `, ${muted} of them silenced` : ""}`} data-testid="nav-alerts-firing"
          className={`rounded-full px-1.5 text-xs font-semibold tabular ${loud > 0 ? "bg-red-600 text-white dark:bg-red-500" : "bg-slate-300 text-slate-900 dark:bg-slate-600 dark:text-white"}`}>
          {firing.length}<span className="sr-only"> firing</span>
        </span>
      ) : null}
    </Link>
  );
}
