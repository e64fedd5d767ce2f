// The body of Alertmanager's `POST /api/v2/alerts` for one notification. Pure.
import { sortedLabels } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";

/**
 * How long Alertmanager keeps a pushed firing alert without a re-send: Prometheus sends
 * `now + 4 × resend delay (1m)` to survive missed sends (docs/alerts-research.md §2).
 */
export const FIRING_ENDS_AFTER_MS = 4 * 60_000;

export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

/** One postable alert per alert; a resolved alert is pushed with its real endsAt (≤ now), which resolves it in Alertmanager. */
export function postableAlerts(notification: GroupNotification): PostableAlert[] {
  const firingEnd = new Date(notification.now.getTime() + FIRING_ENDS_AFTER_MS);
  return notification.alerts.map((alert) => ({
    labels: sortedLabels(alert.labels),
    annotations: sortedLabels(alert.annotations),
    startsAt: alert.startsAt.toISOString(),
    endsAt: (alert.status === "firing" ? firingEnd : (alert.endsAt ?? notification.now)).toISOString(),
    generatorURL: alert.generatorURL,
  }));
}
