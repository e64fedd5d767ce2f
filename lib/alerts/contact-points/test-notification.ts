// The notification the UI's "send test" button sends: one firing alert, so every contact point type shows
// what a real alert looks like. Pure.
import type { GroupNotification } from "@/lib/alerts/notification";

export const TEST_ALERT_NAME = "QueuewatchTest";

export function testNotification(name: string, now: Date, externalURL: string): GroupNotification {
  return {
    receiver: name,
    routeKey: "{}",
    groupLabels: { alertname: TEST_ALERT_NAME },
    alerts: [
      {
        status: "firing",
        labels: { alertname: TEST_ALERT_NAME },
        annotations: { summary: `Test notification for contact point "${name}"`, description: "Sent from Queuewatch to check this contact point; no action is needed." },
        startsAt: now,
        endsAt: null,
        generatorURL: externalURL,
      },
    ],
    externalURL,
    now,
  };
}
