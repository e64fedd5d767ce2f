// When a session ends. Pure: the caller passes `now`.

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  /** createdAt + the policy's maximum, fixed when the session was made */
  expiresAt: Date;
}

export type SessionState = "active" | "idle" | "expired";

/** "active", or why the session is over: too long without a request ("idle") or past its absolute end ("expired"). */
export function sessionState(session: SessionTimes, now: Date, policy: SessionPolicy): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= policy.idleMs) return "idle";
  return "active";
}

/** Refresh lastSeenAt at most once a minute, so that reading pages does not write on every request. */
export const TOUCH_EVERY_MS = 60_000;

export const shouldTouch = (lastSeenAt: Date, now: Date): boolean => now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;

/** The cookie lives as long as the session may: until its absolute end (the idle limit is checked on the server). */
export const cookieMaxAgeSeconds = (expiresAt: Date, now: Date): number => Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
