import { describe, expect, it } from "vitest";
import type { NotifiedAlert } from "@/lib/alerts/alertmanager-format";
import type { GroupNotification } from "@/lib/alerts/notification";
import { emailMessage, escapeHtml } from "./email-message";

const alert = (overrides: Partial<NotifiedAlert> = {}): NotifiedAlert => ({
  status: "firing",
  labels: { alertname: "QueueDepth", cluster: "rmq", queue: "orders" },
  annotations: { summary: "orders has 5000 ready", runbook_url: "https://runbooks.test/depth" },
  startsAt: new Date("2026-12-07T15:34:39.000Z"),
  endsAt: null,
  generatorURL: "http://qw.test/clusters/rmq/queues/orders",
  ...overrides,
});
const notify = (alerts: NotifiedAlert[]): GroupNotification => ({
  receiver: "mail", routeKey: "{}", groupLabels: { alertname: "QueueDepth" }, alerts, externalURL: "http://qw.test", now: new Date(0),
});

describe("emailMessage", () => {
  it("has Alertmanager's subject, a text part and an HTML table row per alert", () => {
    const resolved = alert({ status: "resolved", labels: { alertname: "QueueDepth", cluster: "rmq", queue: "audit" }, endsAt: new Date("2026-12-07T15:40:00.250Z") });
    const message = emailMessage(notify([alert(), resolved]));
    expect(message.subject).toBe("[FIRING:1] QueueDepth (rmq)");
    expect(message.text).toContain("FIRING QueueDepth\n  runbook_url: https://runbooks.test/depth\n  summary: orders has 5000 ready\n  labels: alertname=QueueDepth, cluster=rmq, queue=orders\n  starts: 2026-12-07T15:34:39Z  ends: —\n  source: http://qw.test/clusters/rmq/queues/orders");
    expect(message.text).toContain("RESOLVED QueueDepth");
    expect(message.text).toContain("ends: 2026-12-07T15:40:00.25Z");
    expect(message.html.match(/<tr>/g)).toHaveLength(3); // heading + 2 alerts
    expect(message.html).toContain('<a href="http://qw.test/clusters/rmq/queues/orders">Open</a>');
    expect(message.html).toContain('<b>runbook_url</b>: <a href="https://runbooks.test/depth">https://runbooks.test/depth</a>');
    expect(message.html).toContain("<td style=\"border:1px solid #ccc;padding:6px;vertical-align:top;text-align:left\">2026-12-07T15:40:00.25Z</td>");
  });

  it.each([
    ["a label value", alert({ labels: { alertname: "QueueDepth", queue: "<img src=x onerror=alert(1)>" } }), "queue=&lt;img src=x onerror=alert(1)&gt;", "<img"],
    ["an annotation", alert({ annotations: { summary: "<script>alert(1)</script>" } }), "&lt;script&gt;alert(1)&lt;/script&gt;", "<script"],
    ["a label value in the subject", alert({ labels: { alertname: "QueueDepth", cluster: "<b onmouseover=x>" } }), "<h2>[FIRING:1] QueueDepth (&lt;b onmouseover=x&gt;)</h2>", "<b onmouseover"],
    ["quotes in a link", alert({ generatorURL: 'http://qw.test/"><script>x</script>' }), 'href="http://qw.test/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"', "<script"],
    ["a javascript: runbook", alert({ annotations: { runbook_url: "javascript:alert(1)" } }), "<b>runbook_url</b>: javascript:alert(1)", 'href="javascript'],
  ])("renders %s inert in HTML", (_case, input, present, absent) => {
    const { html } = emailMessage(notify([input]));
    expect(html).toContain(present);
    expect(html).not.toContain(absent);
  });

  it("escapes the five HTML-special characters", () => {
    expect(escapeHtml(`& < > " '`)).toBe("&amp; &lt; &gt; &quot; &#39;");
  });
});
