import "server-only";
import { NextResponse } from "next/server";
import { authorize, type Principal } from "@/lib/auth/roles";
import { resolvePrincipal } from "@/lib/auth/principal";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { getConfig } from "@/lib/config/load-config";
import type { QueuewatchConfig } from "@/lib/config/schema";
import { getPrisma } from "@/lib/db/prisma";
import { describeError } from "@/lib/util/describe-error";
import { redactSecrets } from "@/lib/log/logger";
import { secretsOfConfig } from "./config-secrets";
import { forbidden, serverError, unauthorized } from "./http";
import { ROUTE_ACCESS, type RouteKey } from "./route-access";

export type Verdict = { ok: true; principal: Principal; staleCookie: boolean } | { ok: false; response: Response; /** a signed-in caller refused (403) */ refused?: Principal };

/** Authenticates and authorizes a request for a route's declared access; `public` routes touch no database. */
export async function checkAccess(request: Request, key: RouteKey, config: QueuewatchConfig, now: Date): Promise<Verdict> {
  const access = ROUTE_ACCESS[key];
  if (access === "public") return { ok: true, principal: { kind: "anonymous", mayRead: config.auth.anonymousRole === "viewer" }, staleCookie: false };
  const lookup = await resolvePrincipal(request.headers, getPrisma(), config.auth, now);
  if (!lookup.ok) return { ok: false, response: unauthorized(lookup.message) };
  const { principal } = lookup;
  switch (authorize(principal, access)) {
    case "ok":
      return { ok: true, principal, staleCookie: lookup.staleCookie };
    case "unauthenticated": {
      const message = lookup.staleCookie ? "your session has ended: sign in again" : "sign in first, or send an API token";
      return { ok: false, response: clearSessionCookie(unauthorized(message), lookup.staleCookie) };
    }
    case "forbidden":
      return { ok: false, refused: principal, response: forbidden("forbidden", `${principal.kind === "anonymous" ? "anonymous" : `role ${principal.role}`} may not do this (needs ${access})`) };
  }
}

export function clearSessionCookie<R extends Response>(response: R, clear: boolean): R {
  if (clear && response instanceof NextResponse) response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  return response;
}

/**
 * A read route: its access comes from ROUTE_ACCESS by key; the handler runs only once the caller may.
 * `export const GET = guard("GET /api/v1/clusters", async (request, context, principal) => ...)`.
 */
export function guard<C>(key: RouteKey, handle: (request: Request, context: C, principal: Principal) => Promise<Response>): (request: Request, context?: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const verdict = await checkAccess(request, key, getConfig(), new Date());
      if (!verdict.ok) return verdict.response;
      return clearSessionCookie(await handle(request, context as C, verdict.principal), verdict.staleCookie);
    } catch (error) {
      return serverError(redactSecrets(describeError(error), secretsOfConfig()));
    }
  };
}
