// From an OIDC provider's claims to a Queuewatch user name and role. Pure.
import type { OidcConfig, Role } from "@/lib/config/schema";
import { highestRole } from "./roles";

export type Claims = Record<string, unknown>;

/** The claim's values: a string, an array of strings, or (some providers) a space- or comma-separated string. */
function claimValues(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter((part) => part.length > 0);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** The highest role the claim maps to, the default role when nothing maps, or null (refuse the login). */
export function roleFromClaims(claims: Claims, oidc: Pick<OidcConfig, "roleClaim" | "roleMapping" | "defaultRole">): Role | null {
  const mapped = claimValues(claims[oidc.roleClaim]).flatMap((value): Role[] => { const role = Object.hasOwn(oidc.roleMapping, value) ? oidc.roleMapping[value] : undefined; return role ? [role] : []; });
  return highestRole(mapped) ?? oidc.defaultRole ?? null;
}

/** The name Queuewatch shows for the user: the configured claim, else preferred_username, email, sub. */
export function usernameFromClaims(claims: Claims, usernameClaim: string | undefined): string {
  for (const key of [usernameClaim, "preferred_username", "email", "sub"]) {
    const value = key === undefined ? undefined : claims[key];
    if (typeof value === "string" && value.trim().length > 0) return value.trim().slice(0, 200);
  }
  throw new Error("the identity provider sent no usable user name (no preferred_username, email or sub claim)");
}
