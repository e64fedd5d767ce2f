// Contact points against real receivers, no mocks: a node:http endpoint (webhook, Slack), a real
// Alertmanager 0.25 (push, then its own webhook delivery), a real SMTP server with auth; retries and
// secret scrubbing on real failures (500, 400, 429, refused connections, a wrong SMTP password).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fingerprint, goJson, webhookMessage, type NotifiedAlert, type WebhookMessage } from "@/lib/alerts/alertmanager-format";
import { contactPointSchema, type ContactPointInput } from "@/lib/alerts/contact-point-schema";
import { emailMessage } from "@/lib/alerts/contact-points/email-message";
import { sendNotification } from "@/lib/alerts/contact-points/send-notification";
import type { SlackBlock, SlackMessage } from "@/lib/alerts/contact-points/slack-message";
import type { GroupNotification } from "@/lib/alerts/notification";
import { startAlertmanager } from "../support/alertmanager-process";
import { closedPort, startHttpReceiver, type HttpReceiver } from "../support/http-receiver";
import { startSmtpReceiver } from "../support/smtp-receiver";

const FAST = { retryDelaysMs: [50, 100], timeoutMs: 3000 } as const;
const parse = (input: ContactPointInput) => contactPointSchema.parse(input);

/** A firing alert that started a minute ago (a real Alertmanager compares times with its own clock). */
function lagAlert(group: string, extraLabels: Record<string, string> = {}): NotifiedAlert {
  return {
    status: "firing",
    labels: { alertname: "KafkaGroupLagHigh", cluster: "prod-kafka", group, severity: "warning", ...extraLabels },
    annotations: { summary: `${group} lag 12000 > 10000`, description: `total lag of group ${group}`, runbook_url: "https://runbooks.example.test/lag" },
    startsAt: new Date(Date.now() - 60_000),
    endsAt: null,
    generatorURL: `http://qw.example.test/clusters/prod-kafka/groups/${group}`,
  };
}
const resolvedNow = (alert: NotifiedAlert): NotifiedAlert => ({ ...alert, status: "resolved", endsAt: new Date() });
const notify = (receiver: string, alerts: NotifiedAlert[]): GroupNotification => ({
  receiver, routeKey: "{}", groupLabels: { alertname: "KafkaGroupLagHigh", cluster: "prod-kafka" }, alerts, externalURL: "http://qw.example.test", now: new Date(),
});

let receiver: HttpReceiver;
beforeEach(async () => {
  receiver = await startHttpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

describe("webhook", () => {
  it("posts Alertmanager's exact body with the configured headers, firing then resolved", async () => {
    const settings = parse({ name: "hook", type: "webhook", url: `${receiver.url}/hook`, headers: { Authorization: "Bearer ${HOOK_TOKEN}" } });
    const alert = lagAlert("orders");
    const firing = notify("hook", [alert]);
    const resolved = notify("hook", [resolvedNow(alert)]);
    const env = { HOOK_TOKEN: "hook-token-123" };

    expect(await sendNotification(settings, firing, { env, ...FAST })).toMatchObject({ ok: true, attempts: 1, status: 200, response: "ok", error: null, retryable: false });
    expect(await sendNotification(settings, resolved, { env, ...FAST })).toMatchObject({ ok: true, attempts: 1, status: 200 });

    const [first, second] = await receiver.waitFor(2);
    expect(first).toMatchObject({ method: "POST", path: "/hook", body: goJson(webhookMessage(firing)) });
    expect(first?.headers).toMatchObject({ "content-type": "application/json", "user-agent": "Queuewatch", authorization: "Bearer hook-token-123" });
    expect(second?.body).toBe(goJson(webhookMessage(resolved)));
    expect((JSON.parse(second?.body ?? "{}") as WebhookMessage).alerts[0]?.status).toBe("resolved");
  });
});

describe("alertmanager", () => {
  it("pushes to a real Alertmanager, which delivers the alert and then its resolution to its own webhook", async () => {
    const alertmanager = await startAlertmanager(
      [
        "route:",
        "  receiver: hook",
        "  group_by: ['alertname', 'cluster']",
        "  group_wait: 100ms",
        "  group_interval: 1s",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: hook",
        "    webhook_configs:",
        `      - url: ${receiver.url}/am-hook`,
      ].join("\n"),
    );
    try {
      const settings = parse({ name: "am", type: "alertmanager", url: alertmanager.url });
      const alert = lagAlert("orders", { note: "a < b & c" });

      expect(await sendNotification(settings, notify("am", [alert]), FAST)).toMatchObject({ ok: true, attempts: 1, status: 200 });
      const [fired] = await receiver.waitFor(1, 5000);
      const firedBody = JSON.parse(fired?.body ?? "{}") as WebhookMessage;
      expect(firedBody).toMatchObject({ receiver: "hook", status: "firing", groupLabels: { alertname: "KafkaGroupLagHigh", cluster: "prod-kafka" } });
      expect(firedBody.alerts).toEqual([expect.objectContaining({ status: "firing", labels: alert.labels, annotations: alert.annotations, fingerprint: fingerprint(alert.labels) })]);
      // Alertmanager's own body, byte for byte, is what our webhook contact point sends for the same group.
      const expectedFrom = (alerts: NotifiedAlert[]) => goJson(webhookMessage({ ...notify("hook", alerts), externalURL: alertmanager.externalUrl }));
      expect(fired?.body).toBe(expectedFrom([alert]));

      const resolved = resolvedNow(alert);
      expect(await sendNotification(settings, notify("am", [resolved]), FAST)).toMatchObject({ ok: true, status: 200 });
      const [, resolution] = await receiver.waitFor(2, 5000);
      const resolvedBody = JSON.parse(resolution?.body ?? "{}") as WebhookMessage;
      expect(resolvedBody.status).toBe("resolved");
      expect(resolvedBody.alerts[0]).toMatchObject({ status: "resolved", fingerprint: fingerprint(alert.labels) });
      expect(resolution?.body).toBe(expectedFrom([resolved]));
    } finally {
      await alertmanager.stop();
    }
  });
});

describe("slack", () => {
  const textOf = (block: SlackBlock): string => (block.type === "context" ? block.elements.map((element) => element.text).join("\n") : block.text.text);

  it("posts one Block Kit message within Slack's limits", async () => {
    const settings = parse({ name: "slack", type: "slack", url: `${receiver.url}/services/T0000/B0000/XXXXXXXXXXXX` });
    const alerts = [lagAlert("orders"), lagAlert("<!channel> & <https://evil.test|click>")];
    expect(await sendNotification(settings, notify("slack", alerts), FAST)).toMatchObject({ ok: true, attempts: 1, status: 200, response: "ok" });

    const [request] = await receiver.waitFor(1);
    expect(request?.headers["content-type"]).toBe("application/json");
    const message = JSON.parse(request?.body ?? "{}") as SlackMessage;
    expect(message.text).toBe("[FIRING:2] KafkaGroupLagHigh prod-kafka (warning)");
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      expect(["header", "section", "context"]).toContain(block.type);
      expect(textOf(block).length).toBeLessThanOrEqual(block.type === "header" ? 150 : 3000);
    }
    const sections = message.blocks.filter((block) => block.type === "section").map(textOf);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toContain("<http://qw.example.test/clusters/prod-kafka/groups/orders|Open in Queuewatch>");
    expect(sections[1]).toContain("&lt;!channel&gt; &amp; &lt;https://evil.test|click&gt;");
    expect(sections[1]).not.toContain("<!channel>");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.requests).toHaveLength(1);
  });
});

describe("email", () => {
  it("sends through an SMTP server with auth: subject, addresses, text and an HTML part that escapes hostile values", async () => {
    const smtp = await startSmtpReceiver({ username: "queuewatch", password: "smtp-pass-123" });
    try {
      const settings = parse({
        name: "mail", type: "email",
        smtp: { host: smtp.host, port: smtp.port, username: "queuewatch", password: "${SMTP_PASSWORD}" },
        from: "Queuewatch <queuewatch@example.test>", to: ["oncall@example.test", "sre@example.test"],
      });
      const notification = notify("mail", [lagAlert("orders"), lagAlert("<img src=x onerror=alert(1)>")]);
      const result = await sendNotification(settings, notification, { env: { SMTP_PASSWORD: "smtp-pass-123" }, ...FAST });
      expect(result).toMatchObject({ ok: true, attempts: 1, status: 250, error: null });

      const [mail] = await smtp.waitFor(1);
      expect(mail?.user).toBe("queuewatch");
      expect(mail?.envelope).toEqual({ from: "queuewatch@example.test", to: ["oncall@example.test", "sre@example.test"] });
      expect(mail?.parsed.subject).toBe(emailMessage(notification).subject);
      expect(mail?.parsed.subject).toBe("[FIRING:2] KafkaGroupLagHigh prod-kafka (warning)");
      expect(mail?.parsed.from?.text).toBe('"Queuewatch" <queuewatch@example.test>');
      expect(mail?.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(mail?.parsed.text).toContain("summary: orders lag 12000 > 10000");
      const html = typeof mail?.parsed.html === "string" ? mail.parsed.html : "";
      expect(html).toContain("group=&lt;img src=x onerror=alert(1)&gt;");
      expect(html).not.toContain("<img");
      expect(html).toContain('<a href="http://qw.example.test/clusters/prod-kafka/groups/orders">Open</a>');
    } finally {
      await smtp.close();
    }
  });

  it("reports a wrong password as a failure not worth retrying, without the password", async () => {
    const smtp = await startSmtpReceiver({ username: "queuewatch", password: "right-pass" });
    try {
      const settings = parse({ name: "mail", type: "email", smtp: { host: smtp.host, port: smtp.port, username: "queuewatch", password: "WrongPass777" }, from: "q@example.test", to: ["o@example.test"] });
      const result = await sendNotification(settings, notify("mail", [lagAlert("orders")]), FAST);
      expect(result).toMatchObject({ ok: false, attempts: 1, status: 535, retryable: false });
      expect(result.error).toMatch(/Invalid login/);
      expect(JSON.stringify(result)).not.toContain("WrongPass777");
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it("refuses plain SMTP when TLS is required, and retries a refused connection", async () => {
    const smtp = await startSmtpReceiver();
    try {
      const tls = parse({ name: "mail", type: "email", smtp: { host: smtp.host, port: smtp.port, requireTls: true }, from: "q@example.test", to: ["o@example.test"] });
      expect(await sendNotification(tls, notify("mail", [lagAlert("orders")]), FAST)).toMatchObject({ ok: false, attempts: 1, retryable: false });
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await smtp.close();
    }
    const refused = parse({ name: "mail", type: "email", smtp: { host: "127.0.0.1", port: await closedPort() }, from: "q@example.test", to: ["o@example.test"] });
    expect(await sendNotification(refused, notify("mail", [lagAlert("orders")]), FAST)).toMatchObject({ ok: false, attempts: 3, status: null, retryable: true });
  });
});

describe("retries and secrets", () => {
  const hook = (url: string, headers: Record<string, string> = {}) => parse({ name: "hook", type: "webhook", url, headers });
  const send = (url: string, headers?: Record<string, string>) => sendNotification(hook(url, headers), notify("hook", [lagAlert("orders")]), FAST);

  it.each([
    ["500 then 200: delivered on the second attempt", [{ status: 500, body: "oops" }, { status: 200, body: "ok" }], { ok: true, attempts: 2, status: 200, response: "ok", retryable: false }, 2],
    ["400: not retried", [{ status: 400, body: "invalid_payload" }], { ok: false, attempts: 1, status: 400, response: "invalid_payload", error: "HTTP 400 Bad Request", retryable: false }, 1],
    ["429: retried, then reported as retryable", [{ status: 429, body: "rate_limited", headers: { "retry-after": "1" } }], { ok: false, attempts: 3, status: 429, retryable: true }, 3],
    ["429 then 200: delivered", [{ status: 429, body: "rate_limited" }, { status: 200, body: "ok" }], { ok: true, attempts: 2, status: 200 }, 2],
    ["503 every time: retryable", [{ status: 503, body: "unavailable" }], { ok: false, attempts: 3, status: 503, retryable: true }, 3],
    ["a redirect: not followed", [{ status: 302, body: "", headers: { location: "http://127.0.0.1:1/elsewhere" } }], { ok: false, attempts: 1, status: 302, retryable: false }, 1],
  ])("%s", async (_case, replies, expected, requests) => {
    receiver.respondWith(...replies);
    expect(await send(`${receiver.url}/hook`)).toMatchObject(expected);
    expect(receiver.requests).toHaveLength(requests);
  });

  it("retries a refused connection and reports it retryable, without the URL's token", async () => {
    const result = await send(`http://127.0.0.1:${await closedPort()}/hook?token=SECRET123`);
    expect(result).toMatchObject({ ok: false, attempts: 3, status: null, response: "", retryable: true });
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(result)).not.toContain("SECRET123");
  });

  it("scrubs the URL's token and header values that a receiver echoes back", async () => {
    receiver.respondWith({ status: 404, body: "no route for POST /hook?token=SECRET123 (authorization: Bearer HEADERSECRET99)" });
    const result = await send(`${receiver.url}/hook?token=SECRET123`, { Authorization: "Bearer HEADERSECRET99" });
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 404, retryable: false });
    expect(result.response).toBe("no route for POST *** (authorization: ***)");
    expect(JSON.stringify(result)).not.toMatch(/SECRET123|HEADERSECRET99/);
  });

  it("cuts a long answer to 1,000 characters", async () => {
    receiver.respondWith({ status: 500, body: "x".repeat(5000) });
    const result = await sendNotification(hook(`${receiver.url}/hook`), notify("hook", [lagAlert("orders")]), { ...FAST, retryDelaysMs: [] });
    expect(result).toMatchObject({ ok: false, attempts: 1, retryable: true });
    expect(result.response).toHaveLength(1000);
  });

  it("names a missing variable and sends nothing", async () => {
    const result = await sendNotification(hook("${QW_TEST_UNSET_HOOK_URL}"), notify("hook", [lagAlert("orders")]), { ...FAST, env: {} });
    expect(result).toMatchObject({ ok: false, attempts: 0, status: null, retryable: false });
    expect(result.error).toContain("QW_TEST_UNSET_HOOK_URL");
  });
});
