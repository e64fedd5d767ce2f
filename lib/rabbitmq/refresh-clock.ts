/**
 * When did the broker last refresh a stream of figures? RabbitMQ recomputes queue figures and counters every
 * `collect_statistics_interval` (5 s by default) and serves the same values in between, so a rate taken per poll
 * aliases: with a 2 s poll it reads 0, then 2.5× the truth. A RefreshClock watches whether a stream's values changed
 * at each poll and says over how long a span the broker counted the change, so that rate = Δvalue / span.
 *
 * Pure: the caller passes `now` and whether the values changed since the last refresh.
 *
 * - A change seen less than half a stats interval after the previous one: the broker updates the stream in real time
 *   (3.10's per-channel counters do): the span is the time between the two changes, and no change means no traffic.
 * - Otherwise the stream is refreshed on the broker's period. Each change is seen up to one poll after the refresh
 *   (spans alternate around the period, e.g. 4 s and 6 s for 5.1 s polled every 2 s), so the period is the slope of a
 *   least-squares line through the times of consecutive changes, blended with the 5 s default while that line is short.
 *   A change covers one period (or as many as fit since the last one, after a gap); between refreshes the caller keeps
 *   the last rate; when more than a period passes with no change, the broker refreshed and nothing happened: rate 0.
 * Exact while polls are at most half the period apart; longer polls still see some aliasing (they cannot tell which
 * of several refreshes between two polls carried the change).
 */

/** RabbitMQ's default collect_statistics_interval. */
export const BROKER_STATS_INTERVAL_MS = 5_000;
/** How many consecutive refreshes the period estimate keeps. */
const CHAIN_KEPT = 30;
/**
 * Weight of the default period against a fitted slope over n refreshes, whose weight is n³: the slope's variance is about
 * poll² / n³ (a detection lags its refresh by up to one poll), the default's (150 ms)² (5.1 s measured for 5 s set): (2000/150)².
 */
const PRIOR_WEIGHT = 178;
/** No change for this many periods: the broker did refresh, with nothing new. */
const IDLE_AFTER_PERIODS = 1.2;

export type RefreshStep =
  /** first sight: the values are the baseline, no rate yet */
  | { kind: "first" }
  /** the broker refreshed: rate = (values − baseline) / seconds, and the values become the baseline */
  | { kind: "refresh"; seconds: number }
  /** no refresh since the last one: keep reporting the last rate */
  | { kind: "waiting" }
  /** the broker refreshed and nothing changed: rate 0 */
  | { kind: "idle" };

export class RefreshClock {
  private lastPollAt: number | null = null;
  private lastChangeAt = 0;
  /** a change has been seen (before that, the baseline is a first sight, not a refresh) */
  private changedOnce = false;
  private idle = false;
  private realTime = false;
  /** times of consecutive changes one period apart, oldest first */
  private chain: number[] = [];

  constructor(private readonly priorPeriodMs: number = BROKER_STATS_INTERVAL_MS) {}

  /** The broker's refresh period as estimated so far, in ms. */
  get periodMs(): number {
    const n = this.chain.length;
    if (n < 3) return this.priorPeriodMs;
    const meanIndex = (n - 1) / 2;
    const meanTime = this.chain.reduce((sum, t) => sum + t, 0) / n;
    let covariance = 0;
    let variance = 0;
    this.chain.forEach((t, i) => {
      covariance += (i - meanIndex) * (t - meanTime);
      variance += (i - meanIndex) ** 2;
    });
    const slope = covariance / variance;
    const weight = n ** 3;
    return (slope * weight + this.priorPeriodMs * PRIOR_WEIGHT) / (weight + PRIOR_WEIGHT);
  }

  observe(nowMs: number, changed: boolean): RefreshStep {
    const lastPollAt = this.lastPollAt;
    if (lastPollAt === null || nowMs <= lastPollAt) {
      if (lastPollAt !== null) return { kind: "waiting" }; // a clock that went back: nothing to measure
      this.lastPollAt = nowMs;
      this.lastChangeAt = nowMs;
      return { kind: "first" };
    }
    this.lastPollAt = nowMs;
    if (!changed) {
      if (this.realTime || nowMs - this.lastChangeAt > IDLE_AFTER_PERIODS * this.periodMs) {
        this.idle = true;
        return { kind: "idle" };
      }
      return { kind: "waiting" };
    }
    const sinceChange = nowMs - this.lastChangeAt;
    let spanMs: number;
    if (!this.changedOnce) {
      spanMs = sinceChange; // from a first sight, the only span known
      this.chain = [nowMs];
    } else if (this.idle) {
      // Refreshes without change came before: the change happened in the refreshes since the previous poll.
      const sincePoll = nowMs - lastPollAt;
      spanMs = this.realTime ? sincePoll : Math.max(1, Math.round(sincePoll / this.periodMs)) * this.periodMs;
      this.chain = [nowMs];
    } else if (sinceChange < this.priorPeriodMs / 2) {
      this.realTime = true;
      spanMs = sinceChange;
      this.chain = [];
    } else {
      this.realTime = false;
      const period = this.periodMs;
      const periods = Math.max(1, Math.round(sinceChange / period));
      spanMs = periods * period;
      this.chain = periods === 1 ? [...this.chain, nowMs].slice(-CHAIN_KEPT) : [nowMs];
    }
    this.changedOnce = true;
    this.idle = false;
    this.lastChangeAt = nowMs;
    return { kind: "refresh", seconds: spanMs / 1000 };
  }
}
