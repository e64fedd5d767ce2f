import "server-only";
import { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome, type CookieToSet } from "@/lib/api/mutation";
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

/** 10 failed logins per user name and 30 per client address in any minute; the next answers 429. */
export const LOGIN_LIMITS = { perUser: 10, perAddress: 30, windowMs: 60_000 } as const;
const byUser = new FailureLimiter(LOGIN_LIMITS.perUser, LOGIN_LIMITS.windowMs);
const byAddress = new FailureLimiter(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs);

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

/** Password login. The rate limit is checked before the hash is computed; an unknown name costs as long as a wrong password. */
export async function login({ tx, input, meta, now, config, cookie }: ActionContext<z.output<typeof loginInput>, unknown>): Promise<ActionOutcome> {
  const target = `user:${input.username}`;
  const actor = { actor: target, actorKind: "user" as const };
  const addressKey = meta.ip ?? "unknown";
  for (const verdict of [byUser.check(input.username, now.getTime()), byAddress.check(addressKey, now.getTime())]) {
    if (!verdict.allowed) {
      throw new ActionError(429, "too_many_attempts", `too many failed sign-ins: try again in ${verdict.retryAfterSeconds} s`, {
        target, actor, result: "denied", headers: { "retry-after": String(verdict.retryAfterSeconds) },
      });
    }
  }
  const user = await tx.user.findUnique({ where: { username: input.username } });
  const matches = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !matches || user.disabledAt !== null) {
    byUser.recordFailure(input.username, now.getTime());
    byAddress.recordFailure(addressKey, now.getTime());
    const message = user && matches ? "this user is disabled" : "wrong user name or password";
    throw new ActionError(401, "login_failed", message, { target, actor });
  }
  byUser.reset(input.username);
  const sessionCookie = await startSession(tx, user, cookie(SESSION_COOKIE), meta, now, config);
  return { target, actor, body: { user: toUserDto({ ...user, lastLoginAt: now }) }, cookies: [sessionCookie] };
}
