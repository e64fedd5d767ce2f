import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { MeDto } from "@/lib/api/types";
import { getConfig } from "@/lib/config/load-config";
import { getPrisma } from "@/lib/db/prisma";
import { describeMe } from "./describe-me";
import { resolvePrincipal } from "./principal";
import { authorize, type Permission, type Principal } from "./roles";

export interface PageSession {
  principal: Principal;
  me: MeDto | null;
  /** the request's path and query (set by proxy.ts) */
  path: string;
}

/**
 * Who is looking at a page (server components). An API token sent by a browser is not a page session.
 * Once per request: the root layout and the page both ask, and each lookup is a database read.
 */
export const pageSession = cache(async (): Promise<PageSession> => {
  const requestHeaders = await headers();
  const cookieOnly = new Headers(requestHeaders);
  cookieOnly.delete("authorization");
  const lookup = await resolvePrincipal(cookieOnly, getPrisma(), getConfig().auth, new Date());
  const principal: Principal = lookup.ok ? lookup.principal : { kind: "anonymous", mayRead: false };
  return { principal, me: await describeMe(principal), path: requestHeaders.get("x-qw-path") ?? "/" };
});

/** Pages anyone may open: the sign-in page itself. */
export const isPublicPage = (path: string): boolean => path === "/login" || path.startsWith("/login?");

/** Sends a visitor who may not `permission` to the sign-in page (and back here afterwards); a signed-in one gets `false` (show "not allowed"). */
export async function requirePage(permission: Permission): Promise<{ session: PageSession; allowed: boolean }> {
  const session = await pageSession();
  const verdict = authorize(session.principal, permission);
  if (verdict === "unauthenticated") redirect(`/login?next=${encodeURIComponent(session.path)}`);
  return { session, allowed: verdict === "ok" };
}
