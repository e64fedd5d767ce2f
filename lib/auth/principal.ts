import "server-only";
import type { AuthConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import type { Principal, Role } from "./roles";
import { readApiToken } from "./api-tokens";
import { readSession, SESSION_COOKIE, sessionPolicyOf, type ClientMeta } from "./sessions";

export type PrincipalLookup =
  | { ok: true; principal: Principal; /** the cookie named a session that has ended: clear it */ staleCookie: boolean }
  | { ok: false; message: string };

/** Value of one cookie in a Cookie header. */
export function cookieFrom(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed value is no session (never a 500)
      }
    }
  }
  return undefined;
}

/**
 * Who sent the request: an API token (`Authorization: Bearer`), a session cookie, or nobody. A bearer
 * token that is unknown, revoked or expired is refused outright (401), never downgraded to anonymous.
 */
export async function resolvePrincipal(headers: Headers, db: Db, auth: AuthConfig, now: Date): Promise<PrincipalLookup> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, message: "the Authorization header must be `Bearer <API token>`" };
    const lookup = await readApiToken(db, match[1], now);
    if (lookup.state !== "active") return { ok: false, message: `this API token is ${lookup.state === "unknown" ? "not known" : lookup.state}` };
    return { ok: true, staleCookie: false, principal: { kind: "token", id: lookup.token.id, name: lookup.token.name, role: lookup.token.role as Role } };
  }
  const cookie = cookieFrom(headers, SESSION_COOKIE);
  if (cookie !== undefined && cookie.length > 0) {
    const session = await readSession(db, cookie, now, sessionPolicyOf(auth));
    if (session.state === "active") {
      const { user } = session;
      return { ok: true, staleCookie: false, principal: { kind: "user", id: user.id, name: user.username, role: user.role as Role, sessionId: session.sessionId } };
    }
    return { ok: true, staleCookie: true, principal: anonymous(auth) };
  }
  return { ok: true, staleCookie: false, principal: anonymous(auth) };
}

const anonymous = (auth: AuthConfig): Principal => ({ kind: "anonymous", mayRead: auth.anonymousRole === "viewer" });

/** The client's address and user agent, for sessions and the audit log. The address is X-Forwarded-For's first entry: Next fills it from the socket when a client sends none; behind a proxy, the proxy must overwrite it. */
export function clientMetaOf(headers: Headers): ClientMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || headers.get("x-real-ip") || null, userAgent: headers.get("user-agent") };
}
