/**
 * When did the broker last refresh a stream of figures? RabbitMQ recomputes queue figures and counters every
 * `collect_statistics_interval` (5 s by default) and serves the same values in between, so a rate taken per poll
 * aliases: with a 2 s poll it reads 0, then 2.5× the truth. A RefreshClock watches whether a stream's values changed
 * at each poll and says over how long a span the broker counted the change, so that rate = Δvalue / span.
 *
 * Pure: the caller passes `now` and whether the values changed since the last refresh.
 *
 * - A change seen less than half a stats interval after the previous one: the broker updates the stream in real time
 *   (3.10's per-channel counters do): the rate spans the time since the baseline, at least one stats interval (a 2 s
 *   poll's jitter would otherwise show), and no change since the baseline means no traffic.
 * - Otherwise the stream is refreshed on the broker's period. Each change is seen up to one poll after the refresh
 *   (spans alternate around the period, e.g. 4 s and 6 s for 5.1 s polled every 2 s), so the period is the slope of a
 *   least-squares line through the times of consecutive changes, blended with the 5 s default while that line is short.
 *   A change covers one period; between refreshes the caller keeps the last rate; when more than a period passes with
 *   no change, the broker refreshed and nothing happened: rate 0, and the next change again covers one period.
 * Exact while polls are at most half the period apart; longer polls still see some aliasing (they cannot tell which
 * of several refreshes between two polls carried the change).
 */

/** RabbitMQ's default collect_statistics_interval. */
export const BROKER_STATS_INTERVAL_MS = 5_000;
/** How many consecutive refreshes the period estimate keeps. */
const CHAIN_KEPT = 20;
/**
 * Weight of the default period against a fitted slope over n refreshes, whose weight is n³: the slope's variance is about
 * poll² / n³ (a detection lags its refresh by up to one poll), the default's (150 ms)² (5.1 s measured for 5 s set): (2000/150)².
 */
const PRIOR_WEIGHT = 178;
/** No change for this many periods: the broker did refresh, with nothing new. */
const IDLE_AFTER_PERIODS = 1.2;

export type RefreshStep =
  /** first sight: the values are the baseline, no rate yet */
  | { type: "first" }
  /**
   * the broker refreshed: rate = (values − baseline) / seconds, and the values become the baseline. `fromFirstSight`:
   * the baseline was a first sight, not a refresh, so the span is only the time since then (the first rate is rough).
   */
  | { type: "refresh"; seconds: number; fromFirstSight?: true }
  /** no refresh since the last one: keep reporting the last rate */
  | { type: "waiting" }
  /** the broker refreshed and nothing changed over `seconds` since the baseline: rate 0 */
  | { type: "idle"; seconds: number };

export class RefreshClock {
  private lastPollAt: number | null = null;
  /** when the caller's baseline was taken */
  private baselineAt = 0;
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

  /**
   * One poll: `changed` says whether the stream's values differ from the baseline (the values at the last "first",
   * "refresh" or "idle" step, which the caller keeps).
   */
  observe(nowMs: number, changed: boolean): RefreshStep {
    const lastPollAt = this.lastPollAt;
    if (lastPollAt === null || nowMs <= lastPollAt) {
      if (lastPollAt !== null) return { type: "waiting" }; // a clock that went back: nothing to measure
      this.lastPollAt = nowMs;
      this.baselineAt = nowMs;
      return { type: "first" };
    }
    this.lastPollAt = nowMs;
    const sinceBaseline = nowMs - this.baselineAt;
    if (this.realTime) {
      // Counted as it happens: the rate spans at least one stats interval, so a poll's jitter does not show in it.
      if (!changed) return this.advance(nowMs, { type: "idle", seconds: sinceBaseline / 1000 });
      return sinceBaseline < this.priorPeriodMs ? { type: "waiting" } : this.advance(nowMs, { type: "refresh", seconds: sinceBaseline / 1000 });
    }
    if (!changed) {
      if (!this.idle && sinceBaseline <= IDLE_AFTER_PERIODS * this.periodMs) return { type: "waiting" };
      this.idle = true;
      return this.advance(nowMs, { type: "idle", seconds: sinceBaseline / 1000 });
    }
    let spanMs: number;
    if (!this.changedOnce) {
      this.changedOnce = true;
      this.chain = [nowMs];
      return this.advance(nowMs, { type: "refresh", seconds: sinceBaseline / 1000, fromFirstSight: true });
    } else if (this.idle) {
      // Refreshes without change came before: the change happened in the refreshes since the previous poll.
      // Polls further apart than that cannot tell which refresh carried it: the time between them.
      const sincePoll = nowMs - lastPollAt;
      spanMs = sincePoll >= 1.5 * this.periodMs ? sincePoll : this.periodMs;
      this.chain = [nowMs];
    } else if (sinceBaseline < this.priorPeriodMs / 2) {
      // Two changes closer than a periodic broker could make them: real time, from now on.
      this.realTime = true;
      spanMs = sinceBaseline;
      this.chain = [];
    } else {
      const period = this.periodMs;
      // One period since the last change; several (polls further apart than the period): the time between the changes.
      const onePeriod = sinceBaseline < 1.5 * period;
      spanMs = onePeriod ? period : sinceBaseline;
      this.chain = onePeriod ? [...this.chain, nowMs].slice(-CHAIN_KEPT) : [nowMs];
    }
    this.changedOnce = true;
    this.idle = false;
    return this.advance(nowMs, { type: "refresh", seconds: spanMs / 1000 });
  }

  /** The caller's baseline moves to this poll's values. */
  private advance(nowMs: number, step: RefreshStep): RefreshStep {
    this.baselineAt = nowMs;
    return step;
  }
}
