import "server-only";
import type { User } from "@prisma/client";
import type { Db, DbTransaction } from "@/lib/db/prisma";
import type { AuthConfig } from "@/lib/config/schema";
import { newSecret, sha256 } from "./credentials";
import { sessionState, shouldTouch, type SessionPolicy, type SessionState } from "./session-policy";

export const SESSION_COOKIE = "qw_session";

export const sessionPolicyOf = (auth: AuthConfig): SessionPolicy => ({ idleMs: auth.sessionIdleMinutes * 60_000, maxMs: auth.sessionMaxHours * 3_600_000 });

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
}

/** A new session for `userId`; returns the cookie value (its hash is what is stored) and the absolute end. */
export async function createSession(tx: DbTransaction, userId: string, meta: ClientMeta, now: Date, policy: SessionPolicy): Promise<{ token: string; expiresAt: Date }> {
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + policy.maxMs);
  await tx.session.create({
    data: { tokenHash: secret.hash, userId, createdAt: now, lastSeenAt: now, expiresAt, ip: meta.ip?.slice(0, 100), userAgent: meta.userAgent?.slice(0, 500) },
  });
  return { token: secret.value, expiresAt };
}

export type SessionLookup = { state: "active"; sessionId: string; user: User } | { state: Exclude<SessionState, "active"> | "unknown" | "disabled" };

/** The session behind a cookie value: active (lastSeenAt refreshed at most once a minute), or why not; ended sessions are deleted. */
export async function readSession(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<SessionLookup> {
  const session = await db.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  if (!session) return { state: "unknown" };
  const state = sessionState(session, now, policy);
  if (state !== "active" || session.user.disabledAt !== null) {
    await db.session.deleteMany({ where: { id: session.id } });
    return { state: state === "active" ? "disabled" : state };
  }
  if (shouldTouch(session.lastSeenAt, now)) await db.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
  return { state: "active", sessionId: session.id, user: session.user };
}

/** Ends the session a cookie names (logout; and at login, the pre-login one, so a planted id never becomes a signed-in one). */
export async function endSession(tx: DbTransaction, token: string): Promise<void> {
  await tx.session.deleteMany({ where: { tokenHash: sha256(token) } });
}
