import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { queueKey } from "./dead-letter-topology";
import type { QueueDefinition } from "./management-schemas";
import { counterModeOf, queuesFromPrometheus } from "./prometheus-queues";

const definition = (vhost: string, name: string, over: Partial<QueueDefinition> = {}): QueueDefinition => ({
  vhost, name, type: "classic", arguments: {}, policyDefinition: null, consumerCapacity: 0.5, ...over,
});
const definitions = (...list: QueueDefinition[]) => new Map(list.map((d) => [queueKey(d), d]));

// A real scrape of RabbitMQ 3.10.8 (TYPE before HELP, raw label values, per-channel counters, and publishes under
// queue_vhost/exchange_vhost labels), taken after: 10 messages published to "orders" through a direct exchange and 5
// through the default exchange, 17 deliveries on one consumer channel (3 rejected into orders.dlq, 2 requeued then
// redelivered, 12 acked), 3 published to we"ird\q and one of them taken by basic.get without ack.
const RABBIT_3_10 = readFileSync(new URL("./fixtures/rabbitmq-3.10.8-detailed.prom", import.meta.url), "utf8");
const VHOST = "qw/fixture";

// Shaped like RabbitMQ 4.x: per-queue counters, escaped label values, queue_info with the type.
const RABBIT_4 = `# TYPE rabbitmq_detailed_queue_messages_ready gauge
rabbitmq_detailed_queue_messages_ready{vhost="a/b",queue="say \\"hi\\""} 4
# TYPE rabbitmq_detailed_queue_messages_unacked gauge
rabbitmq_detailed_queue_messages_unacked{vhost="a/b",queue="say \\"hi\\""} 1
# TYPE rabbitmq_detailed_queue_consumers gauge
rabbitmq_detailed_queue_consumers{vhost="a/b",queue="say \\"hi\\""} 2
# TYPE rabbitmq_detailed_queue_messages_delivered_total counter
rabbitmq_detailed_queue_messages_delivered_total{vhost="a/b",queue="say \\"hi\\""} 3
# TYPE rabbitmq_detailed_queue_messages_delivered_ack_total counter
rabbitmq_detailed_queue_messages_delivered_ack_total{vhost="a/b",queue="say \\"hi\\""} 10
# TYPE rabbitmq_detailed_queue_get_total counter
rabbitmq_detailed_queue_get_total{vhost="a/b",queue="say \\"hi\\""} 1
# TYPE rabbitmq_detailed_queue_messages_acked_total counter
rabbitmq_detailed_queue_messages_acked_total{vhost="a/b",queue="say \\"hi\\""} 9
# TYPE rabbitmq_detailed_queue_exchange_messages_published_total counter
rabbitmq_detailed_queue_exchange_messages_published_total{vhost="a/b",queue="say \\"hi\\"",exchange="x"} 6
rabbitmq_detailed_queue_exchange_messages_published_total{vhost="a/b",queue="say \\"hi\\"",exchange="y"} 8
# TYPE rabbitmq_detailed_queue_info gauge
rabbitmq_detailed_queue_info{vhost="a/b",queue="say \\"hi\\"",queue_type="rabbit_quorum_queue",membership="leader"} 1
`;

describe("queuesFromPrometheus", () => {
  it("RabbitMQ 3.10: depth, consumers, per-channel counters (publishes under queue_vhost), raw names matched to the management listing", () => {
    const weird = 'we"ird\\q';
    const scrape = queuesFromPrometheus(RABBIT_3_10, definitions(definition(VHOST, "orders"), definition(VHOST, "orders.dlq"), definition(VHOST, weird, { type: "quorum" })));
    expect(scrape.counterMode).toBe("channel");
    expect(scrape.malformed).toBe(0);
    const byName = new Map(scrape.queues.map((q) => [q.name, q]));
    expect(byName.get(weird)).toMatchObject({ vhost: VHOST, type: "quorum", messages: 2, messagesReady: 2, messagesUnacknowledged: 0, consumers: 0 });
    expect(Object.fromEntries(byName.get(weird)?.counters ?? [])).toEqual({
      "<0.2670.0>": { published: 3, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 },
      "<0.2699.0>": { published: 0, delivered: 1, acked: 0, redelivered: 0, removedNoAck: 1 },
    });
    const orders = byName.get("orders");
    expect(orders).toMatchObject({ type: "classic", messages: 0, messagesReady: 0, messagesUnacknowledged: 0, consumers: 1, consumerCapacity: 0.5 });
    expect(Object.fromEntries(orders?.counters ?? [])).toEqual({
      "<0.2670.0>": { published: 15, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 }, // 10 via orders-in + 5 via ""
      "<0.2694.0>": { published: 0, delivered: 17, acked: 12, redelivered: 2, removedNoAck: 0 },
    });
    // Dead-lettering happens inside the broker: no channel row counts it as a publish.
    expect(byName.get("orders.dlq")).toMatchObject({ messages: 3, consumers: 0 });
    expect(byName.get("orders.dlq")?.counters?.size).toBe(0);
  });

  it("RabbitMQ 4.x: per-queue totals summed over exchanges, escaped names decoded, type from queue_info", () => {
    const name = 'say "hi"';
    const scrape = queuesFromPrometheus(RABBIT_4, definitions(definition("a/b", name)));
    expect(scrape.counterMode).toBe("queue");
    expect(scrape.queues).toHaveLength(1);
    expect(scrape.queues[0]).toMatchObject({ vhost: "a/b", name, type: "quorum", messages: 5, messagesReady: 4, messagesUnacknowledged: 1, consumers: 2 });
    expect(Object.fromEntries(scrape.queues[0]?.counters ?? [])).toEqual({ "": { published: 14, delivered: 14, acked: 9, redelivered: 0, removedNoAck: 4 } });
  });

  it("a listed queue the broker keeps no figures for stays listed with its depth unknown", () => {
    const scrape = queuesFromPrometheus(RABBIT_3_10, definitions(definition(VHOST, "orders"), definition(VHOST, "idle", { type: "quorum", consumerCapacity: null })));
    expect(scrape.queues.find((q) => q.name === "idle")).toEqual({
      vhost: VHOST, name: "idle", type: "quorum", messages: null, messagesReady: null, messagesUnacknowledged: null, consumers: null, consumerCapacity: null, counters: null,
    });
    expect(scrape.queues.find((q) => q.name === "orders.dlq")?.messages).toBe(3);
  });

  it("a queue not yet in the management listing keeps its raw name and an unknown type; no counter families → counters null", () => {
    const text = RABBIT_3_10.split("\n").filter((line) => !line.includes("channel") && !line.includes("published")).join("\n");
    expect(counterModeOf(text)).toBe("none");
    const scrape = queuesFromPrometheus(text, new Map());
    expect(scrape.queues.map((q) => [q.name, q.type, q.counters])).toEqual([['we"ird\\q', "unknown", null], ["orders.dlq", "unknown", null], ["orders", "unknown", null]]);
  });
});
