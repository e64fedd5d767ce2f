"use client";

import Link from "next/link";
import { Name } from "@/components/ui/name";
import { useAlerts } from "@/lib/client/alert-hooks";
import { AlertStateChip, LabelChips, SeverityChip, SilencedBadge, WhenText } from "./alert-chips";
import { alertsOfEntity, entityHistoryFilter, historyHref, sinceOf } from "./alert-filters";

const LINK = "text-blue-700 hover:underline dark:text-blue-300";

/**
 * The current alerts of one group, queue or topic (`entity`: the labels naming it, e.g. {vhost, queue}),
 * compact, with a link to its alert history. Live with the alerts list of its cluster.
 */
export function EntityAlertsPanel({ clusterId, entity }: { clusterId: string; entity: Readonly<Record<string, string>> }) {
  const alerts = useAlerts(clusterId);
  const labels = { cluster: clusterId, ...entity };
  const current = alertsOfEntity(alerts.data?.alerts ?? [], labels).filter((alert) => alert.state !== "resolved" && alert.state !== "inactive");
  const nowMs = alerts.data ? Date.parse(alerts.data.at) : 0;
  const omit = ["cluster", ...Object.keys(entity)];
  return (
    <section aria-labelledby="entity-alerts-title" className="mb-6 min-w-0 rounded border border-slate-200 bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900" data-testid="entity-alerts">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="entity-alerts-title" className="font-medium">
          Alerts{current.length > 0 ? <span className="ml-1 text-sm font-normal text-slate-600 dark:text-slate-300">({current.length})</span> : null}
        </h2>
        <Link href={historyHref(entityHistoryFilter(clusterId, entity))} className={`text-sm ${LINK}`}>Alert history</Link>
      </div>
      {alerts.isPending ? (
        <p role="status" className="py-1 text-sm text-slate-600 dark:text-slate-300">Loading alerts…</p>
      ) : alerts.data === undefined ? (
        <p role="alert" className="py-1 text-sm text-red-800 dark:text-red-200">Could not load alerts: {alerts.error instanceof Error ? alerts.error.message : String(alerts.error)}</p>
      ) : current.length === 0 ? (
        <p className="py-1 text-sm text-slate-600 dark:text-slate-300" data-testid="entity-no-alerts">No alerts{alerts.isError ? " (as of the last successful refresh)" : ""}.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100 dark:divide-slate-800">
          {current.map((alert) => {
            const since = sinceOf(alert);
            return (
              <li key={alert.fingerprint} className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 py-1.5 text-sm" data-testid="entity-alert">
                <AlertStateChip state={alert.state} />
                <Link href={historyHref({ fingerprint: alert.fingerprint })} className={`font-medium break-words ${LINK}`}><Name text={alert.ruleName} /></Link>
                <SeverityChip severity={alert.labels.severity ?? ""} />
                <LabelChips labels={alert.labels} omit={omit} />
                {alert.annotations.summary ? <span className="min-w-0 break-words text-slate-700 dark:text-slate-200">{alert.annotations.summary}</span> : null}
                <span className="text-xs text-slate-600 dark:text-slate-300">{since.label} <WhenText iso={since.iso} nowMs={nowMs} absolute={false} /></span>
                <SilencedBadge silencedBy={alert.silencedBy} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
