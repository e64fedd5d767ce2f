import "server-only";
import type { ApiToken } from "@prisma/client";
import type { Db } from "@/lib/db/prisma";
import { sha256 } from "./credentials";
import { shouldTouch } from "./session-policy";

export const TOKEN_PREFIX = "qw_";

export type TokenLookup = { state: "active"; token: ApiToken } | { state: "unknown" | "revoked" | "expired" };

/** The token behind a Bearer value; lastUsedAt refreshed at most once a minute. */
export async function readApiToken(db: Db, value: string, now: Date): Promise<TokenLookup> {
  const token = await db.apiToken.findUnique({ where: { tokenHash: sha256(value) } });
  if (!token) return { state: "unknown" };
  if (token.revokedAt !== null) return { state: "revoked" };
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (token.lastUsedAt === null || shouldTouch(token.lastUsedAt, now)) await db.apiToken.updateMany({ where: { id: token.id }, data: { lastUsedAt: now } });
  return { state: "active", token };
}
