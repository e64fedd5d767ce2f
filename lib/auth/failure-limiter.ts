// Login rate limit: at most `limit` failures per key (user name, client address) in a sliding window.
// Checked before the password hash is computed, so a flood costs the server nothing but this map. Pure
// apart from its own memory; `now` is passed in. One web process (`next start`) holds one.

export interface LimitVerdict {
  allowed: boolean;
  /** seconds until one more attempt is allowed (0 when allowed) */
  retryAfterSeconds: number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly maxKeys = 100_000) {}

  check(key: string, now: number): LimitVerdict {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return { allowed: true, retryAfterSeconds: 0 };
    const oldest = recent[recent.length - this.limit] ?? now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
  }

  recordFailure(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Only the newest `limit` matter for the verdict.
    this.failures.set(key, recent.slice(-this.limit));
    if (this.failures.size > this.maxKeys) this.prune(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) if (times.every((t) => t <= now - this.windowMs)) this.failures.delete(key);
    // Still too many keys (a spray from many addresses): forget the oldest entries rather than grow without bound.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}
