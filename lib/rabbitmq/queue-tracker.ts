import type { QueueSnapshot } from "@/lib/brokers/types";
import { DEFAULT_GROWTH_WINDOW_SECONDS } from "@/lib/config/cluster-name";
import { queueKey } from "./dead-letter-topology";
import { deadLetterInflowRate, queueRates, UNKNOWN_RATES, type CounterPoll, type QueueRates } from "./queue-rates";
import { DepthWindows, growthRate, noConsumersSince } from "./queue-signals";

export interface QueueInsight {
  rates: QueueRates;
  /** messages/s dead-lettered into this queue; null unless it is a dead-letter target with known rates */
  deadLetterInflowRate: number | null;
  /** start of the current stretch with ready > 0 and no consumers (noConsumersFor says when it counts) */
  noConsumersSince: number | null;
  /** messages/s of depth growth when the queue is growing over the window, else null */
  growthRate: number | null;
}

export interface QueueTrackerOptions {
  growthWindowMs: number;
}

export const DEFAULT_QUEUE_TRACKER_OPTIONS: QueueTrackerOptions = { growthWindowMs: DEFAULT_GROWTH_WINDOW_SECONDS * 1000 };

/**
 * Per-cluster memory between polls (the RabbitMQ counterpart of LagTracker): the previous
 * poll's counters for rates, the no-consumer stretches and the depth windows. `now` is passed in.
 */
export class QueueTracker {
  private previous: (CounterPoll & { origin: string | null }) | null = null;
  private readonly stretches = new Map<string, number>();
  private readonly depths: DepthWindows;

  constructor(private readonly options: QueueTrackerOptions) {
    this.depths = new DepthWindows(options.growthWindowMs);
  }

  /**
   * One poll's queues. `origin` names the counters' source: rates are only taken between two
   * polls of the same origin (Prometheus per-channel rows and management totals do not subtract).
   */
  observe(nowMs: number, queues: readonly QueueSnapshot[], origin: string | null, deadLetterTargets: ReadonlySet<string>): Map<string, QueueInsight> {
    const keys = queues.map((q) => queueKey(q));
    // Queues whose figures the broker lacks this poll (depth null) are left out of depth and counters: no rates for them.
    const counters = new Map(queues.flatMap((q, i) => (q.counters === null ? [] : [[keys[i] ?? "", q.counters] as const])));
    const current: CounterPoll & { origin: string | null } = {
      ts: nowMs,
      origin,
      counters: counters.size > 0 ? counters : null,
      depth: new Map(queues.flatMap((q, i) => (q.messages === null ? [] : [[keys[i] ?? "", q.messages] as const]))),
    };
    const rates = this.previous && this.previous.origin === origin ? queueRates(this.previous, current) : new Map<string, QueueRates>();
    this.previous = current;

    const insights = new Map<string, QueueInsight>();
    queues.forEach((queue, i) => {
      const key = keys[i] ?? "";
      // Unknown figures neither start nor end a no-consumer stretch, nor add a depth point.
      const previousSince = this.stretches.get(key) ?? null;
      const since = queue.messagesReady === null || queue.consumers === null ? previousSince : noConsumersSince(previousSince, queue.messagesReady, queue.consumers, nowMs);
      if (since === null) this.stretches.delete(key);
      else this.stretches.set(key, since);
      const window = queue.messages === null ? [] : this.depths.observe(key, { ts: nowMs, depth: queue.messages });
      const queueRate = rates.get(key) ?? UNKNOWN_RATES;
      insights.set(key, {
        rates: queueRate,
        deadLetterInflowRate: deadLetterTargets.has(key) ? deadLetterInflowRate(queueRate) : null,
        noConsumersSince: since,
        growthRate: growthRate(window, this.options.growthWindowMs, nowMs),
      });
    });
    // Forget queues that are gone.
    const live = new Set(keys);
    for (const key of this.stretches.keys()) if (!live.has(key)) this.stretches.delete(key);
    this.depths.retainOnly(live);
    return insights;
  }
}
