import type { QueueSnapshot } from "./types";
import { queueKey } from "./dead-letter-topology";
import { deadLetterInflowRate, deadLetterOutRate, RefreshAlignedRates, UNKNOWN_RATES, type QueueFigures, type QueueRates } from "./queue-rates";
import { DepthWindows, depthGrowthRate, noConsumersSince } from "./queue-signals";

export interface QueueInsight {
  rates: QueueRates;
  /** messages/s dead-lettered into this queue; null unless it is a dead-letter target with known rates */
  deadLetterInflowRate: number | null;
  /** messages/s this queue dead-letters (a lower bound); null unless it has a dead-letter exchange and known rates */
  deadLetterOutRate: number | null;
  /** start of the current stretch with ready > 0 and no consumers (noConsumersFor says when it counts) */
  noConsumersSince: number | null;
  /** messages/s of depth growth when the queue is growing over the window, else null */
  growthRate: number | null;
  /** the same as a series: 0 when the window shows no growth, null when it is too short to judge (depthGrowthRate) */
  depthGrowthRate: number | null;
  /** dead letters of some queue are routed here (a DLQ) */
  isDeadLetterTarget: boolean;
}

export interface QueueTrackerOptions {
  growthWindowMs: number;
}


/** The management API refreshes every queue's figures at once; the Prometheus plugin's depth comes per queue. */
const scopeOf = (origin: string | null) => (origin === "management" ? "cluster" : "queue");

/**
 * Per-cluster memory between polls (the RabbitMQ counterpart of LagTracker): the readings at the
 * broker's last refresh for rates, the no-consumer stretches and the depth windows. `now` is passed in.
 */
export class QueueTracker {
  private rates: { origin: string | null; tracker: RefreshAlignedRates } | null = null;
  private readonly stretches = new Map<string, number>();
  private readonly depths: DepthWindows;

  constructor(private readonly options: QueueTrackerOptions) {
    this.depths = new DepthWindows(options.growthWindowMs);
  }

  /**
   * One poll's queues. `origin` names the counters' source: rates are only taken between two
   * polls of the same origin (Prometheus per-channel rows and management totals do not subtract).
   * `deadLetterSources`: keys of the queues that have a dead-letter exchange.
   */
  observe(
    nowMs: number, queues: readonly QueueSnapshot[], origin: string | null, deadLetterTargets: ReadonlySet<string>, deadLetterSources: ReadonlySet<string> = new Set(),
  ): Map<string, QueueInsight> {
    const keys = queues.map((q) => queueKey(q));
    if (!this.rates || this.rates.origin !== origin) this.rates = { origin, tracker: new RefreshAlignedRates(scopeOf(origin)) };
    // Queues whose figures the broker lacks this poll (depth null) have no rates this poll.
    const figures = new Map<string, QueueFigures>(queues.map((q, i) => [keys[i] ?? "", {
      counters: q.counters,
      depth: q.messages === null ? null : { messages: q.messages, messagesReady: q.messagesReady, messagesUnacknowledged: q.messagesUnacknowledged },
    }]));
    const rates = this.rates.tracker.observe(nowMs, figures);

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
      const isDeadLetterTarget = deadLetterTargets.has(key);
      const inflow = isDeadLetterTarget ? deadLetterInflowRate(queueRate) : null;
      const growth = depthGrowthRate(window, this.options.growthWindowMs, nowMs);
      insights.set(key, {
        rates: queueRate,
        deadLetterInflowRate: inflow,
        deadLetterOutRate: deadLetterSources.has(key) ? deadLetterOutRate(queueRate.flows, inflow) : null,
        noConsumersSince: since,
        growthRate: growth !== null && growth > 0 ? growth : null,
        depthGrowthRate: growth,
        isDeadLetterTarget,
      });
    });
    // Forget queues that are gone.
    const live = new Set(keys);
    for (const key of this.stretches.keys()) if (!live.has(key)) this.stretches.delete(key);
    this.depths.retainOnly(live);
    return insights;
  }
}
