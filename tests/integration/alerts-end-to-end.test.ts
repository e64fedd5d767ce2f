// Alerts through the real path: the collector polls a real Kafka broker and a real RabbitMQ, the alert engine
// evaluates each poll, and notifications reach a local HTTP receiver (Alertmanager's webhook body, compared byte
// for byte) and a real Alertmanager started by the test. The values in the alerts are checked against
// kafka-consumer-groups and rabbitmqctl. Then: a collector restart while firing sends nothing twice, a silence
// mutes and its expiry lets the alert through, and a short repeat interval repeats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postSilence } from "@/app/api/v1/silences/route";
import { DELETE as expireSilenceRoute } from "@/app/api/v1/silences/[silenceId]/route";
import { GET as getAlerts } from "@/app/api/v1/alerts/route";
import { AlertEngine } from "@/lib/alerts/alert-engine";
import type { AlertInstanceDto, SilenceDto } from "@/lib/alerts/alert-dto";
import { goJson, webhookMessage, type WebhookMessage } from "@/lib/alerts/alertmanager-format";
import { startCollector, type CollectorHandle } from "@/lib/collector/run-collector";
import { loadConfig } from "@/lib/config/load-config";
import { createPrismaClient, type Db } from "@/lib/db/prisma";
import type { Logger } from "@/lib/log/logger";
import { startAlertmanager, type AlertmanagerProcess } from "../support/alertmanager-process";
import { createTestToken } from "../support/auth-fixtures";
import { startHttpReceiver, type HttpReceiver, type RecordedRequest } from "../support/http-receiver";
import { commitOffsets, createTopicWithMessages, deleteGroupsAndTopics, KAFKA_BROKER, kafkaConsumerGroupsDescribe } from "../support/kafka-fixtures";
import { connect, createVhost, deleteVhost, rabbitmqctlListQueues, sleep } from "../support/rabbitmq-fixtures";
import { body, params, req } from "../support/route-helpers";
import { TEST_DATABASE_URL, uniqueSuffix, writeTestConfig } from "../support/test-config";

const suffix = uniqueSuffix();
const KAFKA = `it-alerts-kafka-${suffix}`.slice(0, 40);
const RABBIT = `it-alerts-rabbit-${suffix}`.slice(0, 40);
const topic = `qw-alerts-${suffix}`;
const group = `qw-alert-orders-${suffix}`;
const vhost = `qw-alerts-${suffix}`;
const EXTERNAL = "http://127.0.0.1:3999";

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let db: Db;
let hook: HttpReceiver;
let repeatHook: HttpReceiver;
let amHook: HttpReceiver;
let alertmanager: AlertmanagerProcess;
let operatorToken: string;
let running: { engine: AlertEngine; collector: CollectorHandle } | null = null;

async function startPipeline(): Promise<void> {
  const config = loadConfig();
  const engine = new AlertEngine(db, config, { logger: quiet, externalURL: EXTERNAL, tickMs: 200, refreshMs: 500, retryDelaysMs: [100] });
  await engine.start();
  const collector = await startCollector(db, config, { logger: quiet, onPoll: (report) => engine.onPoll(report), maintenance: false });
  running = { engine, collector };
}

async function stopPipeline(): Promise<void> {
  if (!running) return;
  await running.collector.stop();
  await running.engine.stop();
  running = null;
}

const parsed = (request: RecordedRequest) => JSON.parse(request.body) as WebhookMessage;
/** The next request whose body satisfies `test`, waiting for it. */
async function nextMatching(receiver: HttpReceiver, from: number, test: (message: WebhookMessage) => boolean, timeoutMs = 30_000): Promise<RecordedRequest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = receiver.requests.slice(from).find((r) => test(parsed(r)));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching request in ${timeoutMs} ms; got ${receiver.requests.length - from}: ${receiver.requests.slice(from).map((r) => r.body).join("\n")}`);
    await sleep(100);
  }
}

const alertsOf = async (cluster: string) => (await body<{ alerts: AlertInstanceDto[] }>(await getAlerts(req(`/api/v1/alerts?cluster=${cluster}`)))).alerts;
/** Polls the alerts API until the queue's alert is in `state` (RabbitMQ refreshes its statistics every 5 s). */
async function waitForState(queue: string, state: string, timeoutMs = 30_000): Promise<AlertInstanceDto> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alert = (await alertsOf(RABBIT)).find((a) => a.labels.queue === queue);
    if (alert?.state === state) return alert;
    if (Date.now() > deadline) throw new Error(`the alert of ${queue} is ${alert?.state ?? "absent"}, not ${state}, after ${timeoutMs} ms`);
    await sleep(250);
  }
}

const asOperator = (path: string, method: string, payload?: unknown) =>
  new Request(`http://localhost${path}`, { method, headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" }, body: payload === undefined ? undefined : JSON.stringify(payload) });

beforeAll(async () => {
  db = createPrismaClient(TEST_DATABASE_URL);
  [hook, repeatHook, amHook] = await Promise.all([startHttpReceiver(), startHttpReceiver(), startHttpReceiver()]);
  alertmanager = await startAlertmanager(`
route: {receiver: hook, group_by: [alertname, cluster], group_wait: 100ms, group_interval: 1s, repeat_interval: 1h}
receivers: [{name: hook, webhook_configs: [{url: "${amHook.url}/am"}]}]
`);
  writeTestConfig(`
pollIntervalSeconds: 1
clusters:
  - {id: ${KAFKA}, kind: kafka, brokers: ["${KAFKA_BROKER}"]}
  - {id: ${RABBIT}, kind: rabbitmq, managementUrl: "http://127.0.0.1:15672", username: guest, password: guest, managementIntervalSeconds: 60}
alerts:
  contactPoints:
    - {name: oncall, type: webhook, url: "${hook.url}/hook?token=s3cr3t-token", headers: {Authorization: "Bearer hook-secret"}, groupWait: 0s, groupInterval: 1s, repeatInterval: 1h}
    - {name: repeating, type: webhook, url: "${repeatHook.url}/repeat", groupWait: 0s, groupInterval: 1s, repeatInterval: 2s, match: {alertname: OrdersBacklog}}
    - {name: am, type: alertmanager, url: "${alertmanager.url}"}
  rules:
    - name: GroupLagHigh
      metric: kafka_group_lag
      match: {cluster: ${KAFKA}, group: "qw-alert-orders-*"}
      op: ">"
      threshold: 10
      for: 2s
      severity: critical
      annotations: {summary: "{{ $labels.group }} lag {{ $value }}"}
      notify: [oncall, am]
    - name: OrdersBacklog
      metric: rabbitmq_queue_messages_ready
      match: {cluster: ${RABBIT}, vhost: ${vhost}, queue: "orders*"}
      op: ">"
      threshold: 5
      for: 1s
      annotations: {summary: "{{ $labels.queue }} has {{ $value }} ready"}
      notify: [oncall]
`);
  operatorToken = await createTestToken(db, `alerts-operator-${suffix}`, "operator");
  await createTopicWithMessages(topic, [30]);
  await commitOffsets(group, topic, [0]);
  await createVhost(vhost);
  await startPipeline();
});

afterAll(async () => {
  await stopPipeline();
  await deleteGroupsAndTopics([group], [topic]);
  await deleteVhost(vhost);
  await Promise.all([hook?.close(), repeatHook?.close(), amHook?.close(), alertmanager?.stop()]);
  await db.$disconnect();
});

describe("alerts end to end", () => {
  it("a group's lag crosses the threshold: pending, then firing, delivered in Alertmanager's exact format; lag drops: resolved", async () => {
    const firing = await nextMatching(hook, 0, (m) => m.status === "firing" && m.commonLabels.alertname === "GroupLagHigh");
    // The value in the alert is the broker's truth.
    const described = kafkaConsumerGroupsDescribe(group);
    expect(described.reduce((sum, p) => sum + (p.lag ?? 0), 0)).toBe(30);
    const [instance] = (await alertsOf(KAFKA)).filter((a) => a.ruleName === "GroupLagHigh");
    expect(instance).toMatchObject({ state: "firing", value: 30 });
    const expected = webhookMessage({
      receiver: "oncall",
      routeKey: "{}",
      groupLabels: { alertname: "GroupLagHigh", cluster: KAFKA },
      alerts: [{ status: "firing", labels: { alertname: "GroupLagHigh", cluster: KAFKA, group, severity: "critical" }, annotations: { summary: `${group} lag 30` }, startsAt: new Date(instance?.notifyingSince ?? ""), endsAt: null, generatorURL: `${EXTERNAL}/clusters/${KAFKA}/groups/${group}` }],
      externalURL: EXTERNAL,
    });
    expect(firing.body).toBe(goJson(expected));
    expect(firing.headers.authorization).toBe("Bearer hook-secret");
    expect(firing.path).toBe("/hook?token=s3cr3t-token");
    // It went through pending first (for: 2s), and the history says so.
    const history = await db.alertTransition.findMany({ where: { ruleName: "GroupLagHigh", clusterId: KAFKA }, orderBy: { id: "asc" } });
    expect(history.map((t) => `${t.fromState}>${t.toState}`)).toEqual(["inactive>pending", "pending>firing"]);
    expect(history[1]!.at.getTime() - history[0]!.at.getTime()).toBeGreaterThanOrEqual(2000);

    // The same alert, pushed to a real Alertmanager, comes out of its own webhook.
    const viaAm = await nextMatching(amHook, 0, (m) => m.status === "firing" && m.commonLabels.alertname === "GroupLagHigh");
    expect(parsed(viaAm).alerts[0]).toMatchObject({ labels: expected.alerts[0]?.labels, annotations: expected.alerts[0]?.annotations, fingerprint: expected.alerts[0]?.fingerprint, startsAt: expected.alerts[0]?.startsAt });

    const before = hook.requests.length;
    await commitOffsets(group, topic, [30]);
    const resolved = await nextMatching(hook, before, (m) => m.commonLabels.alertname === "GroupLagHigh");
    const message = parsed(resolved);
    expect(message.status).toBe("resolved");
    expect(message.alerts[0]).toMatchObject({ status: "resolved", fingerprint: expected.alerts[0]?.fingerprint, startsAt: expected.alerts[0]?.startsAt });
    expect(message.alerts[0]?.endsAt).not.toBe("0001-01-01T00:00:00Z");
    const amResolved = await nextMatching(amHook, 0, (m) => m.status === "resolved" && m.commonLabels.alertname === "GroupLagHigh");
    expect(parsed(amResolved).alerts[0]?.fingerprint).toBe(expected.alerts[0]?.fingerprint);
  });

  it("a RabbitMQ queue's depth crosses the threshold and back, matching rabbitmqctl", async () => {
    const connection = await connect(vhost);
    const channel = await connection.createChannel();
    await channel.assertQueue("orders-eu", { durable: false });
    await channel.assertQueue("billing", { durable: false });
    for (let i = 0; i < 8; i++) channel.sendToQueue("orders-eu", Buffer.from(`order ${i}`));
    for (let i = 0; i < 50; i++) channel.sendToQueue("billing", Buffer.from(`bill ${i}`));
    await channel.close();
    const before = hook.requests.length;
    const firing = await nextMatching(hook, before, (m) => m.status === "firing" && m.commonLabels.alertname === "OrdersBacklog");
    const ctl = rabbitmqctlListQueues(vhost).find((q) => q.name === "orders-eu");
    expect(ctl?.messages_ready).toBe(8);
    const message = parsed(firing);
    expect(message.alerts).toHaveLength(1);
    expect(message.alerts[0]).toMatchObject({ status: "firing", labels: { alertname: "OrdersBacklog", cluster: RABBIT, vhost, queue: "orders-eu", severity: "warning" }, annotations: { summary: "orders-eu has 8 ready" } });

    const purge = await connection.createChannel();
    await purge.purgeQueue("orders-eu");
    await purge.close();
    const resolved = await nextMatching(hook, before, (m) => m.status === "resolved" && m.commonLabels.alertname === "OrdersBacklog");
    expect(parsed(resolved).alerts[0]?.labels.queue).toBe("orders-eu");
    await connection.close();
  });

  it("repeats an unchanged firing group after its repeat interval", async () => {
    // A queue kept above the threshold: the "repeating" contact point (repeat 2 s, interval 1 s) hears the same group again.
    const connection = await connect(vhost);
    const channel = await connection.createChannel();
    await channel.assertQueue("orders-repeat", { durable: false });
    for (let i = 0; i < 6; i++) channel.sendToQueue("orders-repeat", Buffer.from(`order ${i}`));
    const from = repeatHook.requests.length;
    const firingOf = () => repeatHook.requests.slice(from).map(parsed).filter((m) => m.status === "firing" && m.alerts.some((a) => a.labels.queue === "orders-repeat"));
    const deadline = Date.now() + 40_000;
    while (firingOf().length < 2) {
      if (Date.now() > deadline) throw new Error(`no repeat within 40 s: ${JSON.stringify(firingOf())}`);
      await sleep(200);
    }
    const [first, second] = firingOf();
    expect(JSON.stringify(second?.alerts)).toBe(JSON.stringify(first?.alerts));
    // Leave nothing firing for the next test (it counts OrdersBacklog notifications across a restart).
    const before = hook.requests.length;
    await channel.deleteQueue("orders-repeat");
    await nextMatching(hook, before, (m) => m.status === "resolved" && m.alerts.some((a) => a.labels.queue === "orders-repeat"));
    await channel.close();
    await connection.close();
  });

  it("a collector restart while firing does not notify again; a silence mutes, and its end lets the alert through", async () => {
    const connection = await connect(vhost);
    const channel = await connection.createChannel();
    for (let i = 0; i < 9; i++) channel.sendToQueue("orders-eu", Buffer.from(`order ${i}`));
    const start = hook.requests.length;
    await nextMatching(hook, start, (m) => m.status === "firing" && m.commonLabels.alertname === "OrdersBacklog");
    const afterFiring = hook.requests.length;

    await stopPipeline();
    await startPipeline();
    await sleep(5000);
    expect(hook.requests.slice(afterFiring).map(parsed).filter((m) => m.commonLabels.alertname === "OrdersBacklog")).toEqual([]);
    expect((await alertsOf(RABBIT)).find((a) => a.labels.queue === "orders-eu")?.state).toBe("firing");

    // Silence the queue, let it resolve and fire again: nothing is sent while silenced.
    const created = await body<{ silence: SilenceDto }>(
      await postSilence(asOperator("/api/v1/silences", "POST", { matchers: [{ label: "queue", op: "=~", value: "orders-.*" }, { label: "vhost", op: "=", value: vhost }], endsAt: new Date(Date.now() + 3_600_000).toISOString(), comment: "maintenance" }), params({})),
      201,
    );
    await sleep(1500);
    const silencedFrom = hook.requests.length;
    await channel.purgeQueue("orders-eu");
    await waitForState("orders-eu", "resolved");
    for (let i = 0; i < 7; i++) channel.sendToQueue("orders-eu", Buffer.from(`order ${i}`));
    const alert = await waitForState("orders-eu", "firing");
    await sleep(2000);
    expect(alert?.silencedBy).toEqual([created.silence.id]);
    expect(hook.requests.slice(silencedFrom).map(parsed).filter((m) => m.commonLabels.alertname === "OrdersBacklog")).toEqual([]);

    const expired = await expireSilenceRoute(asOperator(`/api/v1/silences/${created.silence.id}`, "DELETE"), params({ silenceId: created.silence.id }));
    expect(expired.status).toBe(200);
    const through = await nextMatching(hook, silencedFrom, (m) => m.status === "firing" && m.commonLabels.alertname === "OrdersBacklog");
    expect(parsed(through).alerts[0]?.annotations.summary).toBe("orders-eu has 7 ready");
    await channel.close();
    await connection.close();
  });

  it("logs every delivery, with the answer and without the secrets", async () => {
    const deliveries = await db.alertDelivery.findMany({ where: { contactPoint: "oncall" } });
    expect(deliveries.length).toBeGreaterThanOrEqual(4);
    expect(deliveries.every((d) => d.ok && d.responseStatus === 200)).toBe(true);
    const text = JSON.stringify(deliveries, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    expect(text).not.toContain("s3cr3t-token");
    expect(text).not.toContain("hook-secret");
  });
});
