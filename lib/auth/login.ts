import "server-only";
import { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome, type CookieToSet, type PrecheckContext } from "@/lib/api/mutation";
import type { DbTransaction } from "@/lib/db/prisma";
import type { User } from "@prisma/client";
import { verifyPassword } from "./credentials";
import { FailureLimiter } from "./failure-limiter";
import { cookieMaxAgeSeconds } from "./session-policy";
import { createSession, endSession, SESSION_COOKIE, sessionPolicyOf, type ClientMeta } from "./sessions";
import type { QueuewatchConfig } from "@/lib/config/schema";
import { toUserDto } from "@/lib/users/user-dto";

export const loginInput = z.strictObject({
  username: z.string().min(1, "is required").max(200, "is too long"),
  password: z.string().min(1, "is required").max(1024, "is too long"),
});

/** 10 failed logins per user name, 30 per client address and 300 in all in any minute; the next answers 429. */
export const LOGIN_LIMITS = { perUser: 10, perAddress: 30, overall: 300, windowMs: 60_000 } as const;
const byUser = new FailureLimiter(LOGIN_LIMITS.perUser, LOGIN_LIMITS.windowMs);
const byAddress = new FailureLimiter(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs);
// The address comes from X-Forwarded-For, which a client talking to Next directly can choose: this cap
// holds whatever it sends.
const overall = new FailureLimiter(LOGIN_LIMITS.overall, LOGIN_LIMITS.windowMs);
const ALL = "*";

/**
 * Replaces whatever session the browser held by a new one (a session id planted before login never
 * becomes a signed-in one) and returns the cookie to set. Shared by password and OIDC logins.
 */
export async function startSession(tx: DbTransaction, user: User, previousToken: string | undefined, meta: ClientMeta, now: Date, config: QueuewatchConfig): Promise<CookieToSet> {
  if (previousToken) await endSession(tx, previousToken);
  const session = await createSession(tx, user.id, meta, now, sessionPolicyOf(config.auth));
  await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return { name: SESSION_COOKIE, value: session.token, maxAge: cookieMaxAgeSeconds(session.expiresAt, now) };
}

const targetOf = (username: string) => `user:${username}`;
const actorOf = (username: string) => ({ actor: targetOf(username), actorKind: "user" as const });

/**
 * Before the transaction: the rate limits, then the password hash (≈100 ms of CPU, never while holding a
 * pooled connection). The attempt counts against the limits until it succeeds, so parallel guesses
 * cannot slip through while earlier ones are still hashing. An unknown name costs as long as a wrong password.
 */
export async function checkLoginPassword({ db, input, meta, now }: PrecheckContext<z.output<typeof loginInput>, unknown>): Promise<void> {
  const keys: [FailureLimiter, string][] = [[byUser, input.username], [byAddress, meta.ip ?? "unknown"], [overall, ALL]];
  for (const [limiter, key] of keys) {
    const verdict = limiter.check(key, now.getTime());
    if (!verdict.allowed) {
      throw new ActionError(429, "too_many_attempts", `too many failed sign-ins: try again in ${verdict.retryAfterSeconds} s`, {
        target: targetOf(input.username), result: "denied", headers: { "retry-after": String(verdict.retryAfterSeconds) },
        // The first refusal in a window is audited; the flood after it is not written row by row.
        actor: verdict.firstRefusal ? actorOf(input.username) : undefined,
      });
    }
  }
  for (const [limiter, key] of keys) limiter.recordFailure(key, now.getTime());
  const user = await db.user.findUnique({ where: { username: input.username } });
  const matches = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !matches || user.disabledAt !== null) {
    const message = user && matches ? "this user is disabled" : "wrong user name or password";
    throw new ActionError(401, "login_failed", message, { target: targetOf(input.username), actor: actorOf(input.username) });
  }
  for (const [limiter, key] of keys) limiter.release(key, now.getTime());
  byUser.reset(input.username);
}

/** Password login, after checkLoginPassword: the session, in the transaction with its audit row. */
export async function login({ tx, input, meta, now, config, cookie }: ActionContext<z.output<typeof loginInput>, unknown>): Promise<ActionOutcome> {
  const user = await tx.user.findUnique({ where: { username: input.username } });
  if (!user || user.disabledAt !== null) throw new ActionError(401, "login_failed", "wrong user name or password", { target: targetOf(input.username), actor: actorOf(input.username) });
  const sessionCookie = await startSession(tx, user, cookie(SESSION_COOKIE), meta, now, config);
  return { target: targetOf(input.username), actor: actorOf(input.username), body: { user: toUserDto({ ...user, lastLoginAt: now }) }, cookies: [sessionCookie] };
}
