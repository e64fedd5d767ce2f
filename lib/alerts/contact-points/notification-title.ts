// The one-line title of a notification, as Alertmanager's default `__subject` template writes it: the Slack
// header and the e-mail subject. Pure.
import { webhookMessage } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";

/** `[FIRING:2] <group label values> (<values of the other common labels>)`, or `[RESOLVED] …`; label names sorted. */
export function notificationTitle(notification: GroupNotification): string {
  const { status, alerts, groupLabels, commonLabels } = webhookMessage(notification);
  const firing = alerts.filter((alert) => alert.status === "firing").length;
  const others = Object.entries(commonLabels).filter(([name]) => !(name in groupLabels)).map(([, value]) => value);
  const parts = [status === "firing" ? `[FIRING:${firing}]` : "[RESOLVED]", ...Object.values(groupLabels), ...(others.length > 0 ? [`(${others.join(" ")})`] : [])];
  // One line: a label value with a newline must not break a mail header or a Slack header.
  return parts.filter((part) => part !== "").join(" ").replace(/[\u0000-\u001f\u007f]+/g, " ");
}
