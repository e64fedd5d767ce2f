import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./failure-limiter";

describe("FailureLimiter", () => {
  it("allows `limit` failures in the window, refuses the next with the wait until the oldest leaves it", () => {
    const limiter = new FailureLimiter(10, 60_000);
    for (let i = 0; i < 10; i++) {
      expect(limiter.check("alice", i * 1000).allowed).toBe(true);
      limiter.recordFailure("alice", i * 1000);
    }
    expect(limiter.check("alice", 10_000)).toEqual({ allowed: false, retryAfterSeconds: 50, firstRefusal: true });
    expect(limiter.check("alice", 11_000).firstRefusal).toBe(false);
    expect(limiter.check("bob", 10_000).allowed).toBe(true);
    // The first failure (t = 0) leaves the window at t = 60 s.
    expect(limiter.check("alice", 59_999).allowed).toBe(false);
    expect(limiter.check("alice", 60_000).allowed).toBe(true);
  });

  it("forgets a key after a success (reset)", () => {
    const limiter = new FailureLimiter(2, 60_000);
    limiter.recordFailure("a", 0);
    limiter.recordFailure("a", 1);
    expect(limiter.check("a", 2).allowed).toBe(false);
    limiter.reset("a");
    expect(limiter.check("a", 3).allowed).toBe(true);
  });

  it("an attempt counts while it is checked, and a released (successful) one does not", () => {
    const limiter = new FailureLimiter(2, 60_000);
    limiter.recordFailure("a", 1);
    limiter.recordFailure("a", 2);
    expect(limiter.check("a", 3).allowed).toBe(false);
    limiter.release("a", 2);
    expect(limiter.check("a", 3).allowed).toBe(true);
  });

  it("keeps its memory bounded under a spray of keys", () => {
    const limiter = new FailureLimiter(3, 60_000, 100);
    for (let i = 0; i < 1000; i++) limiter.recordFailure(`ip-${i}`, i);
    expect((limiter as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(101);
    expect(limiter.check("ip-999", 1000).allowed).toBe(true);
  });
});
