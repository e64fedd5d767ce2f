// Who may do what. Client-safe and pure: pages use it to hide what the server would refuse anyway.
import type { Role } from "@/lib/config/schema";

export type { Role };
export const ROLES = ["viewer", "operator", "admin"] as const satisfies readonly Role[];

/**
 * What a request may need:
 * - `read`: every figure and page (an anonymous visitor too when `auth.anonymousRole: viewer`);
 * - `session`: anything signed in (a user or an API token): who am I, change my password, sign out;
 * - `audit:read`: the audit log (signed in; IPs and user agents are not for a wall screen);
 * - `alerts:edit`, `dlq:act`: an operator's changes;
 * - `users:manage`, `tokens:manage`, `settings:manage`: an admin's.
 */
export const PERMISSIONS = ["read", "session", "audit:read", "alerts:edit", "dlq:act", "users:manage", "tokens:manage", "settings:manage"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a route needs: a permission, or nothing at all (`public`: login, health). */
export type Access = Permission | "public";

const VIEWER: readonly Permission[] = ["read", "session", "audit:read"];
const OPERATOR: readonly Permission[] = [...VIEWER, "alerts:edit", "dlq:act"];
const ADMIN: readonly Permission[] = [...OPERATOR, "users:manage", "tokens:manage", "settings:manage"];
const GRANTS: Record<Role, readonly Permission[]> = { viewer: VIEWER, operator: OPERATOR, admin: ADMIN };

/** Who is asking: a signed-in user, an API token, or nobody (who may read when anonymous mode says so). */
export type Principal =
  | { kind: "user"; id: string; name: string; role: Role; sessionId: string }
  | { kind: "token"; id: string; name: string; role: Role }
  | { kind: "anonymous"; mayRead: boolean };

export const roleCan = (role: Role, permission: Permission): boolean => GRANTS[role].includes(permission);

/** "ok", or why not: "unauthenticated" (401: sign in first) or "forbidden" (403: signed in, not allowed). */
export function authorize(principal: Principal, access: Access): "ok" | "unauthenticated" | "forbidden" {
  if (access === "public") return "ok";
  if (principal.kind === "anonymous") return access === "read" && principal.mayRead ? "ok" : "unauthenticated";
  return roleCan(principal.role, access) ? "ok" : "forbidden";
}

/** The highest of some roles (null for none): a user in two mapped groups gets the stronger role. */
export function highestRole(roles: readonly Role[]): Role | null {
  let best: Role | null = null;
  for (const role of roles) if (best === null || ROLES.indexOf(role) > ROLES.indexOf(best)) best = role;
  return best;
}

/** How the audit log and the header name a principal. */
export function principalLabel(principal: Principal): string {
  return principal.kind === "anonymous" ? "anonymous" : `${principal.kind}:${principal.name}`;
}
