import { describe, expect, it } from "vitest";
import type { NotifiedAlert } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";
import { notificationTitle } from "./notification-title";

const alert = (labels: Record<string, string>, status: NotifiedAlert["status"] = "firing"): NotifiedAlert => ({
  status, labels, annotations: {}, startsAt: new Date(0), endsAt: status === "resolved" ? new Date(1000) : null, generatorURL: "",
});
const notification = (groupLabels: Record<string, string>, alerts: NotifiedAlert[]): GroupNotification => ({
  receiver: "r", routeKey: "{}", groupLabels, alerts, externalURL: "", now: new Date(0),
});

describe("notificationTitle", () => {
  it.each([
    // Alertmanager 0.25's own title for this group (docs/alerts-research.md §4).
    ["Alertmanager's example", notification({ alertname: "RabbitQueueDepth" }, [alert({ alertname: "RabbitQueueDepth", cluster: "rmq", queue: "orders" })]), "[FIRING:1] RabbitQueueDepth (rmq orders)"],
    ["group values sorted by label name", notification({ cluster: "prod", alertname: "Lag" }, [alert({ alertname: "Lag", cluster: "prod", group: "a" }), alert({ alertname: "Lag", cluster: "prod", group: "b" })]), "[FIRING:2] Lag prod"],
    ["firing counted, resolved not", notification({ alertname: "Lag" }, [alert({ alertname: "Lag", group: "a" }, "resolved"), alert({ alertname: "Lag", group: "b" })]), "[FIRING:1] Lag"],
    ["all resolved", notification({ alertname: "Lag" }, [alert({ alertname: "Lag", group: "a" }, "resolved")]), "[RESOLVED] Lag (a)"],
    ["no group labels", notification({}, [alert({ alertname: "Lag" })]), "[FIRING:1] (Lag)"],
    ["control characters become spaces", notification({ alertname: "Lag" }, [alert({ alertname: "Lag", queue: "a\r\nBcc: x@evil.test" })]), "[FIRING:1] Lag (a Bcc: x@evil.test)"],
  ])("%s", (_case, input, title) => {
    expect(notificationTitle(input)).toBe(title);
  });
});
