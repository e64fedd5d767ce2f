import { describe, expect, it } from "vitest";
import { deadLetterInflowRate, queueRates, type CounterPoll, type QueueCounters, type QueueRates } from "./queue-rates";

const ZERO: QueueCounters = { published: 0, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 };
const c = (counters: Partial<QueueCounters>): QueueCounters => ({ ...ZERO, ...counters });

/** A poll at `ts` seconds: counters as { queue: { source: counters } }, depth as { queue: depth }. */
function poll(ts: number, counters: Record<string, Record<string, QueueCounters>> | null, depth: Record<string, number> = {}): CounterPoll {
  return {
    ts: ts * 1000,
    counters: counters && new Map(Object.entries(counters).map(([queue, sources]) => [queue, new Map(Object.entries(sources))])),
    depth: new Map(Object.entries(depth)),
  };
}
const rates = (over: Partial<QueueRates>): QueueRates => ({ publishRate: 0, deliverRate: 0, ackRate: 0, redeliverRate: 0, arrivalRate: 0, ...over });
const UNKNOWN = { publishRate: null, deliverRate: null, ackRate: null, redeliverRate: null, arrivalRate: null };

describe("queueRates", () => {
  it("per-queue totals: deltas over dt, arrivals from depth + departures", () => {
    const previous = poll(0, { q1: { "": c({ published: 100, delivered: 80, acked: 70, redelivered: 0, removedNoAck: 3 }) } }, { q1: 30 });
    const next = poll(10, { q1: { "": c({ published: 150, delivered: 120, acked: 110, redelivered: 5, removedNoAck: 13 }) } }, { q1: 40 });
    expect(queueRates(previous, next).get("q1")).toEqual({ publishRate: 5, deliverRate: 4, ackRate: 4, redeliverRate: 0.5, arrivalRate: 6 });
  });

  it("per-channel rows: a closed channel is dropped (no negative rate), a new one counts from zero", () => {
    const p0 = poll(0, { q1: { ch1: c({ delivered: 10 }), ch2: c({ delivered: 50 }) } });
    const p1 = poll(10, { q1: { ch1: c({ delivered: 20 }), ch3: c({ delivered: 7 }) } }); // ch2 closed, ch3 opened
    const p2 = poll(20, { q1: { ch1: c({ delivered: 25 }), ch3: c({ delivered: 37 }) } });
    expect(queueRates(p0, p1).get("q1")?.deliverRate).toBe(1.7); // ch1 +10, ch3 +7; naive per-queue sums would say (27 - 60) / 10 < 0
    expect(queueRates(p1, p2).get("q1")?.deliverRate).toBe(3.5);
  });

  it("a reset source counts what it shows since the reset, the others their deltas", () => {
    const previous = poll(0, { q1: { ch1: c({ acked: 500 }), ch2: c({ acked: 10 }) } });
    const next = poll(5, { q1: { ch1: c({ acked: 20 }), ch2: c({ acked: 30 }) } });
    expect(queueRates(previous, next).get("q1")?.ackRate).toBe(8);
  });

  it("a queue no channel touched has rate 0; its arrivals come from depth alone", () => {
    const previous = poll(0, { busy: { ch1: c({ delivered: 1 }) } }, { idle: 5, busy: 0 });
    const next = poll(10, { busy: { ch1: c({ delivered: 2 }) } }, { idle: 25, busy: 0 });
    const result = queueRates(previous, next);
    expect(result.get("idle")).toEqual(rates({ arrivalRate: 2 }));
    expect(result.get("busy")?.deliverRate).toBe(0.1);
  });

  it.each<{ name: string; previous: CounterPoll; next: CounterPoll }>([
    { name: "previous poll had no counter source", previous: poll(0, null, { q1: 1 }), next: poll(10, { q1: { "": ZERO } }, { q1: 2 }) },
    { name: "next poll had no counter source", previous: poll(0, { q1: { "": ZERO } }, { q1: 1 }), next: poll(10, null, { q1: 2 }) },
    { name: "dt = 0", previous: poll(10, { q1: { "": ZERO } }, { q1: 1 }), next: poll(10, { q1: { "": c({ published: 5 }) } }, { q1: 2 }) },
    { name: "dt < 0", previous: poll(20, { q1: { "": ZERO } }, { q1: 1 }), next: poll(10, { q1: { "": c({ published: 5 }) } }, { q1: 2 }) },
  ])("everything unknown when $name", ({ previous, next }) => {
    expect(queueRates(previous, next)).toEqual(new Map([["q1", UNKNOWN]]));
  });

  it("a field no shared source counts is unknown, and so are arrivals that need it", () => {
    const nulls = c({ published: null, acked: null });
    const result = queueRates(poll(0, { q1: { "": nulls } }, { q1: 0 }), poll(10, { q1: { "": { ...nulls, delivered: 10 } } }, { q1: 0 }));
    expect(result.get("q1")).toEqual({ publishRate: null, deliverRate: 1, ackRate: null, redeliverRate: 0, arrivalRate: null });
  });

  it("a null on one side of a source gives no baseline for it", () => {
    // Management API: message_stats is absent until the first publish.
    const result = queueRates(poll(0, { q1: { "": c({ published: null }) } }), poll(10, { q1: { "": c({ published: 40 }) } }));
    expect(result.get("q1")?.publishRate).toBeNull();
  });

  it("3.10 mixed rows: channel × queue rows count deliveries, channel × exchange × queue rows count publishes", () => {
    const consumer = (n: number) => c({ published: null, delivered: n, acked: n });
    const publisher = (n: number) => ({ published: n, delivered: null, acked: null, redelivered: null, removedNoAck: null });
    const previous = poll(0, { q1: { ch1: consumer(10), "ch2 amq.direct": publisher(100), "ch2 orders": publisher(5) } }, { q1: 50 });
    const next = poll(10, { q1: { ch1: consumer(30), "ch2 amq.direct": publisher(150), "ch2 orders": publisher(15) } }, { q1: 90 });
    expect(queueRates(previous, next).get("q1")).toEqual({ publishRate: 6, deliverRate: 2, ackRate: 2, redeliverRate: 0, arrivalRate: 6 });
  });

  it("covers queues known only from counters, with unknown arrivals", () => {
    const result = queueRates(poll(0, { q1: { "": ZERO } }), poll(10, { q1: { "": c({ published: 10 }) } }));
    expect(result.get("q1")).toEqual(rates({ publishRate: 1, arrivalRate: null }));
  });

  it("arrivals are unknown for a queue that was not in the previous poll's depth", () => {
    const result = queueRates(poll(0, {}, {}), poll(10, {}, { fresh: 20 }));
    expect(result.get("fresh")).toEqual(rates({ arrivalRate: null }));
  });

  it("clamps arrivals at 0 when departures we cannot see exceed them (e.g. TTL expiry)", () => {
    const result = queueRates(poll(0, { q1: { "": ZERO } }, { q1: 100 }), poll(10, { q1: { "": ZERO } }, { q1: 0 }));
    expect(result.get("q1")?.arrivalRate).toBe(0);
  });

  it("DLQ maths: depth +10, 5 acked, 0 published over 5 s → arrivals 3/s, all dead-lettered", () => {
    const result = queueRates(poll(0, { dlq: { "": ZERO } }, { dlq: 20 }), poll(5, { dlq: { "": c({ acked: 5, delivered: 5 }) } }, { dlq: 30 }));
    const dlq = result.get("dlq");
    expect(dlq).toEqual(rates({ deliverRate: 1, ackRate: 1, arrivalRate: 3 }));
    expect(dlq && deadLetterInflowRate(dlq)).toBe(3);
  });
});

describe("deadLetterInflowRate", () => {
  it.each<{ name: string; arrivalRate: number | null; publishRate: number | null; inflow: number | null }>([
    { name: "arrivals beyond publishes are dead letters", arrivalRate: 5, publishRate: 2, inflow: 3 },
    { name: "only publishes", arrivalRate: 2, publishRate: 2, inflow: 0 },
    { name: "publishes exceed measured arrivals: not negative", arrivalRate: 1, publishRate: 4, inflow: 0 },
    { name: "unknown arrivals", arrivalRate: null, publishRate: 0, inflow: null },
    { name: "unknown publishes", arrivalRate: 3, publishRate: null, inflow: null },
  ])("$name → $inflow", ({ arrivalRate, publishRate, inflow }) => {
    expect(deadLetterInflowRate(rates({ arrivalRate, publishRate }))).toBe(inflow);
  });
});
