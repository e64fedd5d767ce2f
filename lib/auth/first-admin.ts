import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/prisma";
import { generatePassword, hashPassword } from "./credentials";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

export interface FirstAdmin {
  username: string;
  /** set when Queuewatch generated it: print it once, it is stored only hashed */
  generatedPassword: string | null;
}

/**
 * On a store without any user: creates the first admin from QUEUEWATCH_ADMIN_USER (default "admin") and
 * QUEUEWATCH_ADMIN_PASSWORD, or with a generated password. Returns null when users already exist. Safe to
 * call from two processes at once (the insert is conditional on the table being empty, under a lock).
 */
export async function ensureFirstAdmin(db: Db, env: Readonly<Record<string, string | undefined>>, now: Date): Promise<FirstAdmin | null> {
  const username = env.QUEUEWATCH_ADMIN_USER?.trim() || "admin";
  const given = env.QUEUEWATCH_ADMIN_PASSWORD;
  if (given !== undefined && given.length > 0 && given.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`QUEUEWATCH_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if ((await db.user.count()) > 0) return null;
  const password = given || generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`LOCK TABLE users IN EXCLUSIVE MODE`;
    if ((await tx.user.count()) > 0) return null;
    await tx.user.create({ data: { username, role: "admin", passwordHash } });
    await recordAudit(tx, { at: now, actor: "system", actorKind: "system", action: "user.create-first-admin", target: `user:${username}`, after: { username, role: "admin" }, result: "ok", message: given ? "password from QUEUEWATCH_ADMIN_PASSWORD" : "generated password printed once" });
    return { username, generatedPassword: given ? null : password };
  });
}
