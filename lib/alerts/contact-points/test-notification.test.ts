import { describe, expect, it } from "vitest";
import { webhookMessage } from "@/lib/alerts/alertmanager-format";
import { testNotification } from "./test-notification";

describe("testNotification", () => {
  it("is one firing QueuewatchTest alert addressed to the contact point", () => {
    const now = new Date("2026-12-07T16:00:00.000Z");
    const notification = testNotification("ops-slack", now, "https://qw.example.test");
    expect(notification).toMatchObject({ receiver: "ops-slack", routeKey: "{}", groupLabels: { alertname: "QueuewatchTest" }, externalURL: "https://qw.example.test", now });
    expect(notification.alerts).toHaveLength(1);
    expect(notification.alerts[0]).toMatchObject({ status: "firing", labels: { alertname: "QueuewatchTest" }, startsAt: now, endsAt: null });
    expect(webhookMessage(notification).groupKey).toBe('{}:{alertname="QueuewatchTest"}');
  });
});
