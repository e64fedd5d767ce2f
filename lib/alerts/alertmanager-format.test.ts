import { describe, expect, it } from "vitest";
import { fingerprint, goJson, goTime, groupKey, webhookMessage } from "./alertmanager-format";

// The body a real Alertmanager 0.25.0 sent for this alert (docs/alerts-research.md §1), byte for byte.
const ALERTMANAGER_BODY =
  '{"receiver":"hook","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"KafkaGroupLagHigh","cluster":"prod-kafka","group":"orders","severity":"warning"},"annotations":{"description":"total lag of group orders","summary":"orders lag 12000 \\u003e 10000"},"startsAt":"2026-12-07T15:34:39Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://127.0.0.1:3000/clusters/prod-kafka/groups/orders","fingerprint":"2f83b6d92d8bfd34"}],"groupLabels":{"alertname":"KafkaGroupLagHigh","cluster":"prod-kafka"},"commonLabels":{"alertname":"KafkaGroupLagHigh","cluster":"prod-kafka","group":"orders","severity":"warning"},"commonAnnotations":{"description":"total lag of group orders","summary":"orders lag 12000 \\u003e 10000"},"externalURL":"http://127.0.0.1:19093","version":"4","groupKey":"{}:{alertname=\\"KafkaGroupLagHigh\\", cluster=\\"prod-kafka\\"}","truncatedAlerts":0}\n';

describe("webhookMessage", () => {
  it("reproduces Alertmanager's own body byte for byte", () => {
    const message = webhookMessage({
      receiver: "hook",
      routeKey: "{}",
      groupLabels: { cluster: "prod-kafka", alertname: "KafkaGroupLagHigh" },
      alerts: [{
        status: "firing",
        labels: { severity: "warning", group: "orders", cluster: "prod-kafka", alertname: "KafkaGroupLagHigh" },
        annotations: { summary: "orders lag 12000 > 10000", description: "total lag of group orders" },
        startsAt: new Date("2026-12-07T15:34:39.000Z"),
        endsAt: null,
        generatorURL: "http://127.0.0.1:3000/clusters/prod-kafka/groups/orders",
      }],
      externalURL: "http://127.0.0.1:19093",
    });
    expect(goJson(message)).toBe(ALERTMANAGER_BODY);
  });

  it("is resolved only when every alert is, keeps only common pairs, and counts truncated alerts", () => {
    const alert = (group: string, status: "firing" | "resolved") => ({
      status, labels: { alertname: "Lag", group }, annotations: { summary: `lag of ${group}` },
      startsAt: new Date(0), endsAt: status === "resolved" ? new Date(1000) : null, generatorURL: "",
    });
    const mixed = webhookMessage({ receiver: "r", routeKey: "{}", groupLabels: {}, alerts: [alert("a", "resolved"), alert("b", "firing")], externalURL: "", maxAlerts: 1 });
    expect(mixed.status).toBe("firing");
    // Alertmanager 0.25 computes the common pairs over the alerts it sends (checked with max_alerts: 1 and two alerts).
    expect(mixed.commonLabels).toEqual({ alertname: "Lag", group: "a" });
    expect(mixed.commonAnnotations).toEqual({ summary: "lag of a" });
    const all = webhookMessage({ receiver: "r", routeKey: "{}", groupLabels: {}, alerts: [alert("a", "resolved"), alert("b", "firing")], externalURL: "" });
    expect(all.commonLabels).toEqual({ alertname: "Lag" });
    expect(all.commonAnnotations).toEqual({});
    expect(mixed.alerts).toHaveLength(1);
    expect(mixed.truncatedAlerts).toBe(1);
    expect(mixed.alerts[0]?.endsAt).toBe("1970-01-01T00:00:01Z");
    expect(mixed.groupKey).toBe("{}:{}");
  });
});

describe("fingerprint / goTime / groupKey", () => {
  it("matches Alertmanager's fingerprint, whatever the key order", () => {
    expect(fingerprint({ alertname: "KafkaGroupLagHigh", cluster: "prod-kafka", group: "orders", severity: "warning" })).toBe("2f83b6d92d8bfd34");
    expect(fingerprint({ severity: "warning", group: "orders", cluster: "prod-kafka", alertname: "KafkaGroupLagHigh" })).toBe("2f83b6d92d8bfd34");
    expect(fingerprint({})).toBe("cbf29ce484222325");
  });

  it("writes times the way Go does", () => {
    expect(goTime(new Date("2026-12-07T15:34:39.000Z"))).toBe("2026-12-07T15:34:39Z");
    expect(goTime(new Date("2026-12-07T15:34:39.770Z"))).toBe("2026-12-07T15:34:39.77Z");
    expect(goTime(new Date("2026-12-07T15:34:50.028Z"))).toBe("2026-12-07T15:34:50.028Z");
  });

  it("quotes label values like Prometheus' LabelSet.String()", () => {
    expect(groupKey("{}/{severity=\"critical\"}", { cluster: 'rmq "prod" é', alertname: "QueueDepth" })).toBe('{}/{severity="critical"}:{alertname="QueueDepth", cluster="rmq \\"prod\\" é"}');
  });
});
