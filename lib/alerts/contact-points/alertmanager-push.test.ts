import { describe, expect, it } from "vitest";
import type { NotifiedAlert } from "@/lib/alerts/alertmanager-format";
import { postableAlerts } from "./alertmanager-push";

const now = new Date("2026-12-07T15:40:00.000Z");
const notify = (alerts: NotifiedAlert[]) => postableAlerts({ receiver: "am", routeKey: "{}", groupLabels: {}, alerts, externalURL: "http://qw.test", now });
const base = { labels: { queue: "orders", alertname: "Depth" }, annotations: { summary: "a < b" }, startsAt: new Date("2026-12-07T15:30:00.000Z"), generatorURL: "http://qw.test/q/orders" };

describe("postableAlerts", () => {
  it.each([
    ["a firing alert ends 4 minutes from now (Prometheus' re-send rule)", { ...base, status: "firing", endsAt: null },
      { labels: { alertname: "Depth", queue: "orders" }, annotations: { summary: "a < b" }, startsAt: "2026-12-07T15:30:00.000Z", endsAt: "2026-12-07T15:44:00.000Z", generatorURL: "http://qw.test/q/orders" }],
    ["a resolved alert keeps its real end, which resolves it", { ...base, status: "resolved", endsAt: new Date("2026-12-07T15:39:30.500Z") },
      { labels: { alertname: "Depth", queue: "orders" }, annotations: { summary: "a < b" }, startsAt: "2026-12-07T15:30:00.000Z", endsAt: "2026-12-07T15:39:30.500Z", generatorURL: "http://qw.test/q/orders" }],
    ["a resolved alert without an end ends now", { ...base, status: "resolved", endsAt: null }, { endsAt: "2026-12-07T15:40:00.000Z" }],
  ] satisfies [string, NotifiedAlert, object][])("%s", (_case, alert, expected) => {
    const [postable] = notify([alert]);
    expect(postable).toMatchObject(expected);
  });

  it("sends every alert of the group, in order, labels sorted", () => {
    const body = notify([{ ...base, status: "firing", endsAt: null }, { ...base, labels: { alertname: "Depth", queue: "audit" }, status: "resolved", endsAt: now }]);
    expect(body.map((alert) => alert.labels.queue)).toEqual(["orders", "audit"]);
    expect(Object.keys(body[0]?.labels ?? {})).toEqual(["alertname", "queue"]);
  });
});
