import { RefreshClock, type RefreshStep } from "./refresh-clock";

/**
 * Exact per-queue rates from cumulative counters, computed by Queuewatch instead of trusting the broker's smoothed
 * `*_details.rate`, and taken over the span between the broker's own refreshes (see RefreshClock), never per poll.
 * Counters come per queue (RabbitMQ 4.x queue_delivery/exchange metrics, management message_stats) or per channel × queue
 * (3.10 channel_queue_* metrics, whose rows vanish when a channel closes), so deltas are summed over sources, never taken
 * from a per-queue sum that could go backwards.
 */

export interface QueueCounters {
  published: number | null;
  delivered: number | null;
  acked: number | null;
  redelivered: number | null;
  removedNoAck: number | null;
}

/** One queue's counters by source: "" for per-queue totals, or a channel id for per-channel rows. */
export type CounterSources = ReadonlyMap<string, QueueCounters>;

/** A queue's depth, spelt as the snapshot spells it; `messages` known. */
export interface QueueDepth {
  messages: number;
  messagesReady: number | null;
  messagesUnacknowledged: number | null;
}

/** What one poll showed of one queue; null where the broker gave nothing this poll. */
export interface QueueFigures {
  counters: CounterSources | null;
  depth: QueueDepth | null;
}

/**
 * The flows that balance a queue's depth, over the broker's refreshes of the last DERIVED_WINDOW_MS: figures derived from
 * their differences (arrivals, dead letters in and out) would otherwise show the few messages in flight at each end of a
 * single 5 s span (±3 messages is ±0.6/s).
 */
export interface QueueFlows {
  publishRate: number | null;
  ackRate: number | null;
  /** messages/s delivered or fetched without ack (they leave the queue on delivery) */
  removedNoAckRate: number | null;
  /** messages/s of depth change (negative when draining) */
  depthRate: number | null;
}

export interface QueueRates {
  /** over the broker's latest refresh span */
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
  redeliverRate: number | null;
  flows: QueueFlows;
  /** messages/s that ARRIVED in the queue: depth change + acked + removedNoAck (flows); null when unknown */
  arrivalRate: number | null;
}

/** How far back the flows behind derived figures reach. */
export const DERIVED_WINDOW_MS = 15_000;

const UNKNOWN_FLOWS: Readonly<QueueFlows> = { publishRate: null, ackRate: null, removedNoAckRate: null, depthRate: null };
/** Rates of a queue nothing is known about. */
export const UNKNOWN_RATES: Readonly<QueueRates> = { publishRate: null, deliverRate: null, ackRate: null, redeliverRate: null, flows: UNKNOWN_FLOWS, arrivalRate: null };

const COUNTER_FIELDS = ["published", "delivered", "acked", "redelivered", "removedNoAck"] as const satisfies readonly (keyof QueueCounters)[];
type CounterField = (typeof COUNTER_FIELDS)[number];
type Stream = CounterField | "depth";
const STREAMS: readonly Stream[] = [...COUNTER_FIELDS, "depth"];

/**
 * Messages counted by one field between two readings of a queue's sources. A source gone since (a closed channel) takes
 * its last interval with it; a new source counts from zero; a source that went down was reset and counts its new value.
 * A null field means "this source does not count that" and contributes nothing; when no source counts it: null.
 */
export function counterDelta(previous: CounterSources, next: CounterSources, field: CounterField): number | null {
  let total = 0;
  let counted = 0;
  for (const [source, counters] of next) {
    const to = counters[field];
    if (to === null) continue;
    const before = previous.get(source);
    const from = before ? before[field] : 0;
    if (from === null) continue;
    counted++;
    total += to >= from ? to - from : to;
  }
  return next.size > 0 && counted === 0 ? null : total;
}

/** How a queue's figures are refreshed: all queues at once (management API) or each queue on its own (Prometheus). */
export type RefreshScope = "cluster" | "queue";

type Reading = { type: "counters"; sources: CounterSources } | { type: "depth"; depth: QueueDepth };

/** One refresh (or refresh without change) of a stream: messages moved over seconds of the broker's counting. */
interface Span {
  at: number;
  delta: number;
  seconds: number;
}

interface StreamState {
  baseline: Reading;
  rate: number | null;
  /** spans of the last DERIVED_WINDOW_MS, oldest first */
  recent: Span[];
  /** per queue and stream in "queue" scope */
  clock: RefreshClock | null;
}

function readingOf(figures: QueueFigures, stream: Stream): Reading | null {
  if (stream === "depth") return figures.depth && { type: "depth", depth: figures.depth };
  return figures.counters && { type: "counters", sources: figures.counters };
}

/** Messages the stream moved between two readings (signed for depth), null when unknown. */
function deltaOf(stream: Stream, from: Reading, to: Reading): number | null {
  if (stream === "depth" || from.type === "depth" || to.type === "depth") {
    return from.type === "depth" && to.type === "depth" ? to.depth.messages - from.depth.messages : null;
  }
  return counterDelta(from.sources, to.sources, stream);
}

/** Whether the broker refreshed the stream: its values moved (a depth that changed shape counts too). */
function changed(stream: Stream, from: Reading, to: Reading): boolean {
  if (from.type === "depth" && to.type === "depth") {
    return from.depth.messages !== to.depth.messages || from.depth.messagesReady !== to.depth.messagesReady || from.depth.messagesUnacknowledged !== to.depth.messagesUnacknowledged;
  }
  return (deltaOf(stream, from, to) ?? 0) !== 0;
}

const streamKey = (queue: string, stream: Stream): string => `${queue}\u0000${stream}`;

/**
 * Per-cluster rate memory: for every queue and stream (each counter field, and depth) the reading at the broker's last
 * refresh and the rate then computed. `now` is passed in.
 */
export class RefreshAlignedRates {
  private readonly states = new Map<string, StreamState>();
  private readonly clusterClocks = new Map<Stream, RefreshClock>();

  constructor(private readonly scope: RefreshScope) {}

  observe(nowMs: number, figures: ReadonlyMap<string, QueueFigures>): Map<string, QueueRates> {
    const current = new Map<string, Reading>();
    for (const [queue, queueFigures] of figures) {
      for (const stream of STREAMS) {
        const reading = readingOf(queueFigures, stream);
        if (reading) current.set(streamKey(queue, stream), reading);
      }
    }
    const clusterSteps = this.scope === "cluster" ? this.clusterSteps(nowMs, figures, current) : null;

    const rates = new Map<string, QueueRates>();
    for (const queue of figures.keys()) {
      const streamRate = (stream: Stream): { latest: number | null; windowed: number | null } | null => {
        const key = streamKey(queue, stream);
        const reading = current.get(key);
        if (!reading) return null;
        const state = this.states.get(key);
        if (!state) {
          this.states.set(key, { baseline: reading, rate: null, recent: [], clock: this.scope === "queue" ? new RefreshClock() : null });
          this.states.get(key)?.clock?.observe(nowMs, false);
          return { latest: null, windowed: null };
        }
        const step: RefreshStep = state.clock ? state.clock.observe(nowMs, changed(stream, state.baseline, reading)) : (clusterSteps?.get(stream) ?? { type: "waiting" });
        applyStep(state, step, stream, reading, nowMs);
        return { latest: state.rate, windowed: windowedRate(state.recent) };
      };
      const [published, delivered, acked, redelivered, removedNoAck, depth] = STREAMS.map(streamRate);
      const flows: QueueFlows = {
        publishRate: published?.windowed ?? null,
        ackRate: acked?.windowed ?? null,
        removedNoAckRate: removedNoAck?.windowed ?? null,
        depthRate: depth?.windowed ?? null,
      };
      rates.set(queue, {
        publishRate: published?.latest ?? null,
        deliverRate: delivered?.latest ?? null,
        ackRate: acked?.latest ?? null,
        redeliverRate: redelivered?.latest ?? null,
        flows,
        arrivalRate: arrivalRate(flows),
      });
    }
    // Forget queues that are gone (and streams a queue no longer reports).
    for (const key of this.states.keys()) if (!current.has(key)) this.states.delete(key);
    return rates;
  }

  /** "cluster" scope: one clock per stream; the broker refreshed it when any queue's reading moved. */
  private clusterSteps(nowMs: number, figures: ReadonlyMap<string, QueueFigures>, current: ReadonlyMap<string, Reading>): Map<Stream, RefreshStep> {
    const steps = new Map<Stream, RefreshStep>();
    for (const stream of STREAMS) {
      let any = false;
      let moved = false;
      for (const queue of figures.keys()) {
        const key = streamKey(queue, stream);
        const reading = current.get(key);
        if (!reading) continue;
        any = true;
        const state = this.states.get(key);
        if (state && changed(stream, state.baseline, reading)) {
          moved = true;
          break;
        }
      }
      if (!any) continue;
      let clock = this.clusterClocks.get(stream);
      if (!clock) this.clusterClocks.set(stream, (clock = new RefreshClock()));
      steps.set(stream, clock.observe(nowMs, moved));
    }
    return steps;
  }
}

function applyStep(state: StreamState, step: RefreshStep, stream: Stream, reading: Reading, nowMs: number): void {
  if (step.type === "waiting") return;
  if (step.type === "first") {
    state.baseline = reading;
    state.rate = null;
    state.recent = [];
    return;
  }
  // A refresh: what moved over its span; a refresh without change: 0 over its span (if the stream is counted at all).
  const delta = deltaOf(stream, state.baseline, reading);
  state.baseline = reading;
  if (delta === null) {
    state.rate = null;
    state.recent = [];
    return;
  }
  const moved = step.type === "refresh" ? delta : 0;
  state.rate = moved / step.seconds;
  // A span from a first sight may claim less time than the broker counted over: shown once, kept out of the window.
  if (step.type === "refresh" && step.fromFirstSight) return;
  state.recent = [...state.recent.filter((span) => span.at > nowMs - DERIVED_WINDOW_MS), { at: nowMs, delta: moved, seconds: step.seconds }];
}

/** Messages/s over the spans of the window; null before the first. */
function windowedRate(spans: readonly Span[]): number | null {
  let delta = 0;
  let seconds = 0;
  for (const span of spans) {
    delta += span.delta;
    seconds += span.seconds;
  }
  return seconds > 0 ? delta / seconds : null;
}

/** Depth change + acks + no-ack deliveries. Departures we cannot see (TTL expiry, reject without requeue, overflow drops) make it a lower bound. */
function arrivalRate(flows: QueueFlows): number | null {
  const { depthRate, ackRate, removedNoAckRate } = flows;
  if (depthRate === null || ackRate === null || removedNoAckRate === null) return null;
  return Math.max(0, depthRate + ackRate + removedNoAckRate);
}

/** Dead-letter inflow of a DLQ: arrivals that were not direct publishes: max(0, arrivalRate - publishes); null if unknown. */
export function deadLetterInflowRate(rates: Pick<QueueRates, "arrivalRate" | "flows">): number | null {
  if (rates.arrivalRate === null || rates.flows.publishRate === null) return null;
  return Math.max(0, rates.arrivalRate - rates.flows.publishRate);
}

/**
 * What a queue dead-letters, symmetric to deadLetterInflowRate: departures (publishes + dead letters in − depth change)
 * that were neither acked nor taken without ack. Rejected and expired messages leave this way; so do overflow drops and
 * the unacked messages of a channel that closed, and a DLQ's own inflow estimate is itself a lower bound: a lower bound.
 */
export function deadLetterOutRate(flows: QueueFlows, inflowRate: number | null): number | null {
  const { publishRate, depthRate, ackRate, removedNoAckRate } = flows;
  if (publishRate === null || depthRate === null || ackRate === null || removedNoAckRate === null) return null;
  return Math.max(0, publishRate + (inflowRate ?? 0) - depthRate - ackRate - removedNoAckRate);
}
