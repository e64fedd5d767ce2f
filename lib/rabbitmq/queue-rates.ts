/**
 * Exact per-queue rates from cumulative counters, computed by Queuewatch between two polls instead of trusting the
 * broker's smoothed `*_details.rate`. Counters come per queue (RabbitMQ 4.x queue_delivery/exchange metrics, management
 * message_stats) or per channel × queue (3.10 channel_queue_* metrics, whose rows vanish when a channel closes), so rates
 * are summed over sources seen in both polls, never from a per-queue sum that could go backwards.
 */

export interface QueueCounters {
  published: number | null;
  delivered: number | null;
  acked: number | null;
  redelivered: number | null;
  removedNoAck: number | null;
}

/** counters per queue key, per source: "" for per-queue totals, or a channel (+exchange) id for per-channel rows. */
export type CounterSnapshot = ReadonlyMap<string, ReadonlyMap<string, QueueCounters>>;

export interface CounterPoll {
  ts: number;
  /** null: this poll had no counter source */
  counters: CounterSnapshot | null;
  depth: ReadonlyMap<string, number>;
}

export interface QueueRates {
  publishRate: number | null;
  deliverRate: number | null;
  ackRate: number | null;
  redeliverRate: number | null;
  /** messages/s that ARRIVED in the queue: (depth change + acked + removedNoAck) / dt; null when unknown */
  arrivalRate: number | null;
}

const NO_SOURCES: ReadonlyMap<string, QueueCounters> = new Map();

/**
 * Messages/s for one counter of one queue. A source gone since the previous poll (a closed channel) takes its last
 * interval with it; a new source counts from zero; a source that went down was reset and counts its new value.
 * A null field means "this source does not count that" (e.g. a channel × queue row has no publishes, its channel × exchange
 * sibling has nothing else), so it contributes nothing; only when no shared source counts the field is the rate unknown.
 */
function counterRate(
  previous: ReadonlyMap<string, QueueCounters>,
  next: ReadonlyMap<string, QueueCounters>,
  field: keyof QueueCounters,
  seconds: number,
): number | null {
  let total = 0;
  let counted = 0;
  for (const [source, counters] of next) {
    const to = counters[field];
    if (to === null) continue;
    // Sources are complete lists: a row absent from the previous poll did not exist then (a channel
    // that first touched the queue, a new queue), so everything it counts happened in this interval.
    const before = previous.get(source);
    const from = before ? before[field] : 0;
    if (from === null) continue;
    counted++;
    // A counter below its previous value was reset: what it shows now happened since.
    total += to >= from ? to - from : to;
  }
  return next.size > 0 && counted === 0 ? null : total / seconds;
}

/**
 * Messages that entered the queue: whatever is newly in it plus whatever left through acks or no-ack deliveries.
 * Departures we cannot see (TTL expiry, reject/nack without requeue, overflow drops, acks of a channel that closed) make
 * this a lower bound, so a negative result (more invisible departures than arrivals) is clamped to the bound 0.
 */
function arrivalRate(depthBefore: number | undefined, depthAfter: number | undefined, ackRate: number | null, removedNoAckRate: number | null, seconds: number): number | null {
  if (depthBefore === undefined || depthAfter === undefined || ackRate === null || removedNoAckRate === null) return null;
  return Math.max(0, (depthAfter - depthBefore) / seconds + ackRate + removedNoAckRate);
}

/** Rates of a queue nothing is known about (no counters, or no previous poll of the same origin). */
export const UNKNOWN_RATES: Readonly<QueueRates> = { publishRate: null, deliverRate: null, ackRate: null, redeliverRate: null, arrivalRate: null };

/**
 * Rates between two polls for every queue in `next`. Per counter: the sum over sources present in BOTH polls of the positive
 * deltas (see counterRate for new, vanished and reset sources), divided by dt in seconds. A queue with no sources in
 * either poll while counters are available has rate 0 (no channel touched it). Null when either poll has counters === null, or
 * dt <= 0, or the field is null in the sources (in every source present in both polls; see counterRate).
 * "Every queue in `next`" means the union of its depth and counter keys.
 */
export function queueRates(previous: CounterPoll, next: CounterPoll): Map<string, QueueRates> {
  const seconds = (next.ts - previous.ts) / 1000;
  const keys = new Set([...next.depth.keys(), ...(next.counters?.keys() ?? [])]);
  const rates = new Map<string, QueueRates>();
  for (const key of keys) {
    if (!previous.counters || !next.counters || seconds <= 0) {
      rates.set(key, { ...UNKNOWN_RATES });
      continue;
    }
    const before = previous.counters.get(key) ?? NO_SOURCES;
    const after = next.counters.get(key) ?? NO_SOURCES;
    const ackRate = counterRate(before, after, "acked", seconds);
    rates.set(key, {
      publishRate: counterRate(before, after, "published", seconds),
      deliverRate: counterRate(before, after, "delivered", seconds),
      ackRate,
      redeliverRate: counterRate(before, after, "redelivered", seconds),
      arrivalRate: arrivalRate(previous.depth.get(key), next.depth.get(key), ackRate, counterRate(before, after, "removedNoAck", seconds), seconds),
    });
  }
  return rates;
}

/** Dead-letter inflow of a DLQ: arrivals that were not direct publishes: max(0, arrivalRate - publishRate); null if unknown. */
export function deadLetterInflowRate(rates: QueueRates): number | null {
  if (rates.arrivalRate === null || rates.publishRate === null) return null;
  return Math.max(0, rates.arrivalRate - rates.publishRate);
}
