/**
 * Per-key rate between consecutive observations of a counter (e.g. a topic's summed end
 * offsets → messages/s produced). A counter that went backwards (topic recreated) gives
 * no rate for that interval. Pure apart from its own memory; `nowMs` is passed in.
 */
export class RateTracker {
  private readonly last = new Map<string, { ts: number; value: number }>();

  observe(key: string, nowMs: number, value: number): number | null {
    const previous = this.last.get(key);
    this.last.set(key, { ts: nowMs, value });
    if (!previous || nowMs <= previous.ts || value < previous.value) return null;
    return (value - previous.value) / ((nowMs - previous.ts) / 1000);
  }
}
