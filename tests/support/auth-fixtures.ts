// Users, sessions and tokens for auth tests, written straight to the store (the login itself is tested on its own).
import type { Db } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/credentials";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import type { Role } from "@/lib/auth/roles";
import { issueToken } from "@/lib/tokens/issue-token";

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export async function createTestUser(db: Db, username: string, role: Role, password = "correct horse battery"): Promise<TestUser> {
  const user = await db.user.create({ data: { username, role, passwordHash: await hashPassword(password) } });
  return { id: user.id, username, password };
}

const POLICY = { idleMs: 3_600_000, maxMs: 86_400_000 };

/** A fresh session cookie for the user (`Cookie` header value). */
export async function sessionCookie(db: Db, userId: string, now = new Date()): Promise<string> {
  const { token } = await db.$transaction((tx) => createSession(tx, userId, { ip: null, userAgent: "test" }, now, POLICY));
  return `${SESSION_COOKIE}=${token}`;
}

/** A session whose absolute lifetime is over. */
export async function expiredSessionCookie(db: Db, userId: string): Promise<string> {
  return sessionCookie(db, userId, new Date(Date.now() - 2 * POLICY.maxMs));
}

export async function createTestToken(db: Db, name: string, role: Role, options: { revoked?: boolean } = {}): Promise<string> {
  const created = await db.$transaction((tx) => issueToken(tx, { name, role, expires: null }, "system:test", new Date()));
  if (options.revoked) await db.apiToken.update({ where: { id: created.token.id }, data: { revokedAt: new Date() } });
  return created.secret;
}
