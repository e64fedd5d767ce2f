import { describe, expect, it } from "vitest";
import { queueKey } from "./dead-letter-topology";
import type { QueueDefinition } from "./management-schemas";
import { counterModeOf, queuesFromPrometheus } from "./prometheus-queues";

const definition = (vhost: string, name: string, over: Partial<QueueDefinition> = {}): QueueDefinition => ({
  vhost, name, type: "classic", arguments: {}, policyDefinition: null, consumerCapacity: 0.5, ...over,
});
const definitions = (...list: QueueDefinition[]) => new Map(list.map((d) => [queueKey(d), d]));

// Shaped like RabbitMQ 3.10.8's output (TYPE before HELP, raw label values, per-channel counters).
const RABBIT_3_10 = `# TYPE rabbitmq_detailed_queue_messages_ready gauge
# HELP rabbitmq_detailed_queue_messages_ready Messages ready to be delivered to consumers
rabbitmq_detailed_queue_messages_ready{vhost="/",queue="work"} 9
rabbitmq_detailed_queue_messages_ready{vhost="/",queue="we"ird\\q"} 1
# TYPE rabbitmq_detailed_queue_messages_unacked gauge
rabbitmq_detailed_queue_messages_unacked{vhost="/",queue="work"} 3
rabbitmq_detailed_queue_messages_unacked{vhost="/",queue="we"ird\\q"} 0
# TYPE rabbitmq_detailed_queue_messages gauge
rabbitmq_detailed_queue_messages{vhost="/",queue="work"} 12
rabbitmq_detailed_queue_messages{vhost="/",queue="we"ird\\q"} 1
# TYPE rabbitmq_detailed_queue_process_reductions_total counter
rabbitmq_detailed_queue_process_reductions_total{vhost="/",queue="work"} 12514
# TYPE rabbitmq_detailed_queue_consumers gauge
rabbitmq_detailed_queue_consumers{vhost="/",queue="work"} 1
rabbitmq_detailed_queue_consumers{vhost="/",queue="we"ird\\q"} 0
# TYPE rabbitmq_detailed_channel_messages_delivered_ack_total counter
rabbitmq_detailed_channel_messages_delivered_ack_total{channel="<0.1.0>",vhost="/",queue="work"} 7
rabbitmq_detailed_channel_messages_delivered_ack_total{channel="<0.2.0>",vhost="/",queue="work"} 5
# TYPE rabbitmq_detailed_channel_messages_delivered_total counter
rabbitmq_detailed_channel_messages_delivered_total{channel="<0.2.0>",vhost="/",queue="work"} 2
# TYPE rabbitmq_detailed_channel_messages_acked_total counter
rabbitmq_detailed_channel_messages_acked_total{channel="<0.1.0>",vhost="/",queue="work"} 4
# TYPE rabbitmq_detailed_channel_messages_redelivered_total counter
rabbitmq_detailed_channel_messages_redelivered_total{channel="<0.1.0>",vhost="/",queue="work"} 1
# TYPE rabbitmq_detailed_queue_messages_published_total counter
rabbitmq_detailed_queue_messages_published_total{channel="<0.3.0>",vhost="/",exchange="",queue="work"} 20
# TYPE rabbitmq_build_info untyped
rabbitmq_build_info{rabbitmq_version="3.10.8"} 1
`;

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
  it("RabbitMQ 3.10: depth, consumers, per-channel counters, raw names matched to the management listing", () => {
    const scrape = queuesFromPrometheus(RABBIT_3_10, definitions(definition("/", "work"), definition("/", 'we"ird\\q', { type: "quorum" })));
    expect(scrape.counterMode).toBe("channel");
    expect(scrape.malformed).toBe(0);
    const byName = new Map(scrape.queues.map((q) => [q.name, q]));
    expect(byName.get('we"ird\\q')).toMatchObject({ vhost: "/", type: "quorum", messages: 1, messagesReady: 1, messagesUnacknowledged: 0, consumers: 0 });
    const work = byName.get("work");
    expect(work).toMatchObject({ type: "classic", messages: 12, messagesReady: 9, messagesUnacknowledged: 3, consumers: 1, consumerCapacity: 0.5 });
    expect(Object.fromEntries(work?.counters ?? [])).toEqual({
      "<0.1.0>": { published: 0, delivered: 7, acked: 4, redelivered: 1, removedNoAck: 0 },
      "<0.2.0>": { published: 0, delivered: 7, acked: 0, redelivered: 0, removedNoAck: 2 },
      "<0.3.0>": { published: 20, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 },
    });
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
    const scrape = queuesFromPrometheus(RABBIT_3_10, definitions(definition("/", "work"), definition("/", "idle", { type: "quorum", consumerCapacity: null })));
    expect(scrape.queues.find((q) => q.name === "idle")).toEqual({
      vhost: "/", name: "idle", type: "quorum", messages: null, messagesReady: null, messagesUnacknowledged: null, consumers: null, consumerCapacity: null, counters: null,
    });
    expect(scrape.queues.find((q) => q.name === "work")?.messages).toBe(12);
  });

  it("a queue not yet in the management listing keeps its raw name and an unknown type; no counter families → counters null", () => {
    const text = RABBIT_3_10.split("\n").filter((line) => !line.includes("channel") && !line.includes("published")).join("\n");
    expect(counterModeOf(text)).toBe("none");
    const scrape = queuesFromPrometheus(text, new Map());
    expect(scrape.queues.map((q) => [q.name, q.type, q.counters])).toEqual([["work", "unknown", null], ['we"ird\\q', "unknown", null]]);
  });
});
