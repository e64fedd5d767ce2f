// Login rate limit: at most `limit` failures per key (user name, client address, or one key for
// everything) in a sliding window. An attempt is counted *before* the password hash is computed and
// released again when it succeeds, so parallel guesses cannot all pass the check while the first ones
// are still being hashed. Pure apart from its own memory; `now` is passed in. One web process
// (`next start`) holds one.

export interface LimitVerdict {
  allowed: boolean;
  /** seconds until one more attempt is allowed (0 when allowed) */
  retryAfterSeconds: number;
  /** the first refusal of this key in the current window (audit it; later ones repeat it) */
  firstRefusal: boolean;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly refused = new Map<string, number>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly maxKeys = 100_000) {}

  check(key: string, now: number): LimitVerdict {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return { allowed: true, retryAfterSeconds: 0, firstRefusal: false };
    const oldest = recent[recent.length - this.limit] ?? now;
    const until = oldest + this.windowMs;
    const firstRefusal = (this.refused.get(key) ?? 0) <= now;
    this.refused.set(key, until);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)), firstRefusal };
  }

  /** Counts an attempt at `now` (as a failure until `release`d). */
  recordFailure(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Only the newest `limit` matter for the verdict.
    this.failures.set(key, recent.slice(-this.limit));
    if (this.failures.size > this.maxKeys) this.prune(now);
  }

  /** Un-counts the attempt recorded at `at` (it succeeded). */
  release(key: string, at: number): void {
    const times = this.failures.get(key);
    const index = times?.lastIndexOf(at) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
  }

  reset(key: string): void {
    this.failures.delete(key);
    this.refused.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) if (times.every((t) => t <= now - this.windowMs)) this.failures.delete(key);
    for (const [key, until] of this.refused) if (until <= now) this.refused.delete(key);
    // Still too many keys (a spray from many addresses): forget the oldest entries rather than grow without bound.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}
