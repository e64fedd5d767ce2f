import { describe, expect, it } from "vitest";
import { cookieMaxAgeSeconds, sessionState, shouldTouch } from "./session-policy";

const policy = { idleMs: 30 * 60_000, maxMs: 24 * 3_600_000 };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
const session = (createdMin: number, lastSeenMin: number) => ({ createdAt: at(createdMin), lastSeenAt: at(lastSeenMin), expiresAt: at(createdMin + 24 * 60) });

describe("sessionState", () => {
  it.each([
    ["fresh", session(0, 0), at(1), "active"],
    ["used a minute before the idle limit", session(0, 0), at(29), "active"],
    ["idle for exactly the limit", session(0, 0), at(30), "idle"],
    ["kept busy, within its lifetime", session(0, 23 * 60 + 50), at(23 * 60 + 59), "active"],
    ["kept busy, past its lifetime", session(0, 24 * 60 - 1), at(24 * 60), "expired"],
    ["idle and past its lifetime: expired wins", session(0, 0), at(48 * 60), "expired"],
  ] as const)("%s", (_name, times, now, expected) => {
    expect(sessionState(times, now, policy)).toBe(expected);
  });
});

describe("shouldTouch", () => {
  it("refreshes at most once a minute", () => {
    expect(shouldTouch(at(0), new Date(at(0).getTime() + 59_999))).toBe(false);
    expect(shouldTouch(at(0), at(1))).toBe(true);
  });
});

describe("cookieMaxAgeSeconds", () => {
  it("is the time left, never negative", () => {
    expect(cookieMaxAgeSeconds(at(10), at(0))).toBe(600);
    expect(cookieMaxAgeSeconds(at(0), at(10))).toBe(0);
  });
});
