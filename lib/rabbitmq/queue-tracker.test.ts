import { describe, expect, it } from "vitest";
import type { QueueSnapshot } from "./types";
import { queueKey } from "./dead-letter-topology";
import { QueueTracker } from "./queue-tracker";

const queue = (name: string, over: Partial<QueueSnapshot> = {}): QueueSnapshot => ({
  vhost: "/", name, type: "classic", messages: 0, messagesReady: 0, messagesUnacknowledged: 0, consumers: 1, consumerCapacity: null,
  counters: new Map([["", { published: 0, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 }]]), ...over,
});
const counters = (published: number, acked: number) => new Map([["", { published, delivered: acked, acked, redelivered: 0, removedNoAck: 0 }]]);
const key = (name: string) => queueKey({ vhost: "/", name });

describe("QueueTracker", () => {
  it("rates between polls of the same origin only; dead-letter inflow for DLQs only", () => {
    const tracker = new QueueTracker({ growthWindowMs: 600_000 });
    const dlq = new Set([key("dlq")]);
    tracker.observe(0, [queue("work", { counters: counters(0, 0) }), queue("dlq", { messages: 0, consumers: 0 })], "prometheus-queue", dlq);
    tracker.observe(10_000, [queue("work", { counters: counters(50, 40), messages: 10 }), queue("dlq", { messages: 20, messagesReady: 20, consumers: 0 })], "prometheus-queue", dlq);
    const second = tracker.observe(20_000, [queue("work", { counters: counters(100, 80), messages: 20 }), queue("dlq", { messages: 40, messagesReady: 40, consumers: 0 })], "prometheus-queue", dlq);
    expect(second.get(key("work"))?.rates).toMatchObject({ publishRate: 5, ackRate: 4 });
    expect(second.get(key("work"))?.deadLetterInflowRate).toBeNull();
    expect(second.get(key("dlq"))?.deadLetterInflowRate).toBe(2);
    // Another origin: counters are not comparable, so no rates for this interval.
    const third = tracker.observe(30_000, [queue("work", { counters: counters(60, 50) })], "management", dlq);
    expect(third.get(key("work"))?.rates.publishRate).toBeNull();
  });

  it("dead-letter outflow for queues with a dead-letter exchange only", () => {
    const tracker = new QueueTracker({ growthWindowMs: 600_000 });
    const sources = new Set([key("orders")]);
    const poll = (t: number, published: number, acked: number) =>
      tracker.observe(t, [queue("orders", { counters: counters(published, acked) }), queue("plain", { counters: counters(published, acked) })], "prometheus-queue", new Set(), sources);
    poll(0, 0, 0);
    poll(10_000, 200, 150);
    const second = poll(20_000, 400, 300); // 20/s in, 15/s acked, depth steady: 5/s dead-lettered
    expect(second.get(key("orders"))?.deadLetterOutRate).toBe(5);
    expect(second.get(key("plain"))?.deadLetterOutRate).toBeNull();
  });

  it("no-consumer stretch: starts with ready > 0 and 0 consumers, ends with a consumer, unknown figures keep it", () => {
    const tracker = new QueueTracker({ growthWindowMs: 600_000 });
    const waiting = queue("q", { messagesReady: 5, messages: 5, consumers: 0 });
    const first = tracker.observe(0, [waiting], null, new Set()).get(key("q"));
    expect(first?.noConsumersSince).toBe(0);
    const unknown = queue("q", { messages: null, messagesReady: null, messagesUnacknowledged: null, consumers: null, counters: null });
    const during = tracker.observe(30_000, [unknown], null, new Set()).get(key("q"));
    expect(during).toMatchObject({ noConsumersSince: 0, growthRate: null });
    const later = tracker.observe(60_000, [waiting], null, new Set()).get(key("q"));
    expect(later?.noConsumersSince).toBe(0);
    const served = tracker.observe(70_000, [queue("q", { messagesReady: 5, consumers: 1 })], null, new Set()).get(key("q"));
    expect(served?.noConsumersSince).toBeNull();
  });

  it("growing: depth rising over the window", () => {
    const tracker = new QueueTracker({ growthWindowMs: 60_000 });
    let last;
    for (let i = 0; i <= 6; i += 1) last = tracker.observe(i * 10_000, [queue("q", { messages: i * 100 })], null, new Set()).get(key("q"));
    expect(last?.growthRate).toBeCloseTo(10);
    expect(last?.depthGrowthRate).toBeCloseTo(10);
  });

  it("depth trend as a series: null until the window can judge, then 0 while flat", () => {
    const tracker = new QueueTracker({ growthWindowMs: 60_000 });
    const trend = [0, 1, 2, 3].map((i) => tracker.observe(i * 10_000, [queue("q", { messages: 5 })], null, new Set()).get(key("q")));
    expect(trend.map((insight) => insight?.depthGrowthRate)).toEqual([null, null, null, 0]);
    expect(trend.at(-1)?.growthRate).toBeNull();
  });

  it("marks dead-letter targets", () => {
    const tracker = new QueueTracker({ growthWindowMs: 60_000 });
    const insights = tracker.observe(0, [queue("work"), queue("dlq")], null, new Set([key("dlq")]));
    expect([insights.get(key("work"))?.isDeadLetterTarget, insights.get(key("dlq"))?.isDeadLetterTarget]).toEqual([false, true]);
  });
});
