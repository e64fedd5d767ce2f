import { describe, expect, it } from "vitest";
import {
  counterDelta, deadLetterInflowRate, deadLetterOutRate, RefreshAlignedRates, UNKNOWN_RATES,
  type CounterSources, type QueueCounters, type QueueFigures, type QueueFlows, type QueueRates, type RefreshScope,
} from "./queue-rates";

const ZERO: QueueCounters = { published: 0, delivered: 0, acked: 0, redelivered: 0, removedNoAck: 0 };
const c = (counters: Partial<QueueCounters>): QueueCounters => ({ ...ZERO, ...counters });
const sources = (record: Record<string, QueueCounters>): CounterSources => new Map(Object.entries(record));
const figures = (counters: Record<string, QueueCounters> | null, messages: number | null = 0): QueueFigures => ({
  counters: counters && sources(counters),
  depth: messages === null ? null : { messages, messagesReady: messages, messagesUnacknowledged: 0 },
});
const flows = (over: Partial<QueueFlows>): QueueFlows => ({ publishRate: 0, ackRate: 0, removedNoAckRate: 0, depthRate: 0, ...over });
/** Rates whose flows equal the latest rates unless given (one span in the window). */
const rates = (over: Partial<Omit<QueueRates, "flows">> & { flows?: Partial<QueueFlows> }): QueueRates => {
  const { flows: flowsOver, ...rest } = over;
  const latest = { publishRate: 0, deliverRate: 0, ackRate: 0, redeliverRate: 0, arrivalRate: 0, ...rest };
  return { ...latest, flows: flows({ publishRate: latest.publishRate, ackRate: latest.ackRate, ...flowsOver }) };
};

describe("counterDelta", () => {
  it.each<{ name: string; before: Record<string, QueueCounters>; after: Record<string, QueueCounters>; field: keyof QueueCounters; delta: number | null }>([
    { name: "per-queue totals", before: { "": c({ acked: 70 }) }, after: { "": c({ acked: 110 }) }, field: "acked", delta: 40 },
    // ch2 closed, ch3 opened: naive per-queue sums would say 27 - 60 < 0
    { name: "a closed channel is dropped, a new one counts from zero", before: { ch1: c({ delivered: 10 }), ch2: c({ delivered: 50 }) }, after: { ch1: c({ delivered: 20 }), ch3: c({ delivered: 7 }) }, field: "delivered", delta: 17 },
    { name: "a reset source counts what it shows since", before: { ch1: c({ acked: 500 }), ch2: c({ acked: 10 }) }, after: { ch1: c({ acked: 20 }), ch2: c({ acked: 30 }) }, field: "acked", delta: 40 },
    { name: "no source counts the field: unknown", before: { ch1: c({ published: null }) }, after: { ch1: c({ published: null }) }, field: "published", delta: null },
    { name: "no sources at all: 0", before: {}, after: {}, field: "published", delta: 0 },
  ])("$name", ({ before, after, field, delta }) => {
    expect(counterDelta(sources(before), sources(after), field)).toBe(delta);
  });
});

/**
 * A broker whose counters grow at `perSecond` but that shows them only as of its latest refresh (every `refreshMs`,
 * first at `phaseMs`; 0 = updated in real time), polled every `pollMs` (+ a jitter pattern) for `seconds`.
 * Returns the publish rates Queuewatch reports, by poll time.
 */
function simulate(scope: RefreshScope, o: { perSecond: number; refreshMs: number; phaseMs: number; pollMs: number; jitterMs: readonly number[]; seconds: number }): [number, number | null][] {
  const tracker = new RefreshAlignedRates(scope);
  const shown = (t: number) => {
    const asOf = o.refreshMs === 0 ? t : Math.floor((t - o.phaseMs) / o.refreshMs) * o.refreshMs + o.phaseMs;
    return Math.max(0, Math.floor((o.perSecond * asOf) / 1000));
  };
  const out: [number, number | null][] = [];
  for (let i = 0, t = 1_000; t < o.seconds * 1000; i += 1, t += o.pollMs + (o.jitterMs[i % o.jitterMs.length] ?? 0)) {
    const rate = tracker.observe(t, new Map([["q", figures({ "": c({ published: shown(t) }) })]])).get("q")?.publishRate ?? null;
    out.push([t, rate]);
  }
  return out;
}

describe("RefreshAlignedRates", () => {
  it.each<{ name: string; scope: RefreshScope; refreshMs: number; phaseMs: number; pollMs: number; jitterMs: number[] }>([
    { name: "management API (all queues refreshed every 5.1 s), polled every 2 s", scope: "cluster", refreshMs: 5_100, phaseMs: 700, pollMs: 2_000, jitterMs: [0, 40, 120, 10] },
    { name: "Prometheus depth-like stream (per queue, every 5 s), polled every 2 s", scope: "queue", refreshMs: 5_000, phaseMs: 3_300, pollMs: 2_000, jitterMs: [0, 60] },
    { name: "3.10 per-channel counters (real time), polled every 2 s with jitter", scope: "queue", refreshMs: 0, phaseMs: 0, pollMs: 2_000, jitterMs: [0, 300, 150, 20] },
    { name: "management API polled every 1 s", scope: "cluster", refreshMs: 5_100, phaseMs: 2_000, pollMs: 1_000, jitterMs: [0] },
  ])("20 msg/s: $name → every rate after warm-up within 5 %, never 0 or 2.5×", ({ scope, refreshMs, phaseMs, pollMs, jitterMs }) => {
    const reported = simulate(scope, { perSecond: 20, refreshMs, phaseMs, pollMs, jitterMs, seconds: 90 });
    const afterWarmUp = reported.filter(([t]) => t > 20_000).map(([, rate]) => rate);
    expect(afterWarmUp.length).toBeGreaterThan(30);
    for (const rate of afterWarmUp) expect(rate).toBeGreaterThan(19);
    for (const rate of afterWarmUp) expect(rate).toBeLessThan(21);
  });

  it("the per-poll rate this replaces aliases (0 / 2.5×) on the same broker", () => {
    const reported = simulate("cluster", { perSecond: 20, refreshMs: 5_000, phaseMs: 700, pollMs: 2_000, jitterMs: [0], seconds: 60 });
    // What dividing each poll's step by 2 s would say: check the simulation can show the bug at all.
    const perPoll = reported.slice(1).map(([t], i) => {
      const shown = (x: number) => Math.floor((20 * (Math.floor((x - 700) / 5_000) * 5_000 + 700)) / 1000);
      return (shown(t) - shown(reported[i]?.[0] ?? 0)) / 2;
    });
    expect(perPoll).toContain(0);
    expect(Math.max(...perPoll)).toBe(50);
  });

  it("idle queue: 0 once the broker refreshed with no change, in both scopes", () => {
    for (const scope of ["cluster", "queue"] as const) {
      const tracker = new RefreshAlignedRates(scope);
      const at = (t: number, published: number) => tracker.observe(t * 1000, new Map([["q", figures({ "": c({ published }) })]])).get("q")?.publishRate;
      at(0, 0);
      expect(at(2, 40)).toBe(20); // from a first sight: the time since it
      expect(at(7, 140)).toBe(20); // one period
      expect(at(9, 140)).toBe(20); // not refreshed yet: the last rate
      expect(at(11, 140)).toBe(20);
      expect(at(14, 140)).toBe(0); // more than a period without change: nothing happened
    }
  });

  it("cluster scope: a change on any queue is a refresh for all; an idle queue reads 0 at once", () => {
    const tracker = new RefreshAlignedRates("cluster");
    const poll = (t: number, busy: number, idle: number) =>
      tracker.observe(t * 1000, new Map([["busy", figures({ "": c({ published: busy }) })], ["idle", figures({ "": c({ published: idle }) })]]));
    poll(0, 0, 10);
    poll(2, 100, 10);
    const refreshed = poll(7, 200, 10);
    expect(refreshed.get("busy")?.publishRate).toBe(20);
    expect(refreshed.get("idle")?.publishRate).toBe(0);
  });

  it("queue scope: each queue on its own clock; counters and depth on their own streams", () => {
    const tracker = new RefreshAlignedRates("queue");
    const poll = (t: number, published: number, acked: number, messages: number) =>
      tracker.observe(t * 1000, new Map([["q", figures({ "": c({ published, acked, delivered: acked }) }, messages)]])).get("q");
    poll(0, 0, 0, 0);
    poll(2, 40, 30, 0); // from a first sight: shown, not kept for the flows
    poll(4, 80, 60, 0); // counters in real time; depth not refreshed yet
    expect(poll(6, 120, 90, 30)?.flows.depthRate).toBeNull(); // depth's first change: from a first sight
    poll(8, 160, 120, 30);
    poll(10, 200, 150, 30); // counters: a span of at least one stats interval (6 s)
    // Depth refreshed one period after its first change: +10 over 5 s. No-ack deliveries never moved: 0.
    expect(poll(12, 240, 180, 40)).toEqual(rates({ publishRate: 20, deliverRate: 15, ackRate: 15, flows: { depthRate: 2 }, arrivalRate: 17 }));
  });

  it.each<{ name: string; at: (k: number) => QueueFigures; expected: QueueRates }>([
    // Polls 10 s apart: a first sight, a first change (shown, not kept for the flows), a second change over 10 s;
    // a stream that does not move was refreshed with nothing new: 0.
    {
      name: "counters unknown after the first poll", at: (k) => (k === 0 ? figures({ "": ZERO }, 0) : figures(null, 10 * k)),
      expected: { ...UNKNOWN_RATES, flows: { publishRate: null, ackRate: null, removedNoAckRate: null, depthRate: 1 } },
    },
    {
      name: "depth unknown after the first poll: no depth rate, no arrivals", at: (k) => (k === 0 ? figures({ "": ZERO }, 0) : figures({ "": c({ acked: 10 * k, delivered: 10 * k }) }, null)),
      expected: rates({ deliverRate: 1, ackRate: 1, flows: { depthRate: null }, arrivalRate: null }),
    },
    {
      name: "arrivals clamp at 0 when invisible departures exceed them (TTL expiry)", at: (k) => figures({ "": ZERO }, 100 - 50 * k),
      expected: rates({ flows: { depthRate: -5 }, arrivalRate: 0 }),
    },
    {
      name: "DLQ maths: depth +10 and 40 acked per 10 s, no publishes", at: (k) => figures({ "": c({ acked: 40 * k, delivered: 40 * k }) }, 20 + 10 * k),
      expected: rates({ deliverRate: 4, ackRate: 4, flows: { depthRate: 1 }, arrivalRate: 5 }),
    },
  ])("$name", ({ at, expected }) => {
    const tracker = new RefreshAlignedRates("queue");
    tracker.observe(0, new Map([["q", at(0)]]));
    tracker.observe(10_000, new Map([["q", at(1)]]));
    expect(tracker.observe(20_000, new Map([["q", at(2)]])).get("q")).toEqual(expected);
  });

  it("flows span the refreshes of the last 15 s: messages in flight at the ends of one span do not show", () => {
    const tracker = new RefreshAlignedRates("cluster");
    // 20/s published and 16/s acked for 5 s spans, but the depth read at each refresh wobbles by a few in-flight messages.
    const depths = [0, 3, 0, 2, 0, 3, 1];
    let last: QueueRates | undefined;
    depths.forEach((depth, i) => {
      last = tracker.observe(i * 5_000, new Map([["q", figures({ "": c({ published: i * 100, acked: i * 80, delivered: i * 80 }) }, i * 20 + depth)]])).get("q");
    });
    // The latest span alone: depth 102 → 121 (+19 over 5 s, 3.8/s); the window: 62 → 121 over 15 s.
    expect(last?.flows.depthRate).toBeCloseTo(59 / 15, 6);
    expect(last?.flows.publishRate).toBe(20);
    expect(last && deadLetterOutRate(last.flows, null)).toBeCloseTo(20 - 16 - 59 / 15, 6);
  });

  it("a queue seen for the first time has unknown rates; a vanished one is forgotten", () => {
    const tracker = new RefreshAlignedRates("cluster");
    expect(tracker.observe(0, new Map([["q", figures({ "": ZERO })]])).get("q")).toEqual(UNKNOWN_RATES);
    tracker.observe(2_000, new Map());
    expect(tracker.observe(4_000, new Map([["q", figures({ "": c({ published: 8 }) })]])).get("q")).toEqual(UNKNOWN_RATES);
  });
});

describe("dead-letter rates", () => {
  it.each<{ name: string; arrivalRate: number | null; publishRate: number | null; inflow: number | null }>([
    { name: "arrivals beyond publishes are dead letters", arrivalRate: 5, publishRate: 2, inflow: 3 },
    { name: "only publishes", arrivalRate: 2, publishRate: 2, inflow: 0 },
    { name: "publishes exceed measured arrivals: not negative", arrivalRate: 1, publishRate: 4, inflow: 0 },
    { name: "unknown arrivals", arrivalRate: null, publishRate: 0, inflow: null },
    { name: "unknown publishes", arrivalRate: 3, publishRate: null, inflow: null },
  ])("inflow: $name → $inflow", ({ arrivalRate, publishRate, inflow }) => {
    expect(deadLetterInflowRate({ arrivalRate, flows: flows({ publishRate }) })).toBe(inflow);
  });

  it.each<{ name: string; over: Partial<QueueFlows>; inflow: number | null; out: number | null }>([
    // 20/s published, 15/s acked, depth steady: 5/s rejected into the DLX
    { name: "rejections at a steady depth", over: { publishRate: 20, ackRate: 15, depthRate: 0 }, inflow: null, out: 5 },
    { name: "a growing backlog is not dead-lettered", over: { publishRate: 20, ackRate: 10, depthRate: 10 }, inflow: null, out: 0 },
    { name: "draining: departures beyond publishes", over: { publishRate: 10, ackRate: 12, depthRate: -5 }, inflow: null, out: 3 },
    { name: "no-ack deliveries leave without an ack", over: { publishRate: 10, removedNoAckRate: 10 }, inflow: null, out: 0 },
    { name: "its own dead-letter inflow departs too", over: { publishRate: 0, ackRate: 1 }, inflow: 4, out: 3 },
    { name: "unknown depth change", over: { publishRate: 20, depthRate: null }, inflow: null, out: null },
  ])("outflow: $name → $out", ({ over, inflow, out }) => {
    expect(deadLetterOutRate(flows(over), inflow)).toBe(out);
  });
});
