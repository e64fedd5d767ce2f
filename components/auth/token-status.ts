// Client-safe and pure: how the tokens list names a token's state at a given instant.
import type { TokenDto } from "@/lib/api/types";

export type TokenStatus = "active" | "revoked" | "expired";

/** Revoked wins over expired (it is what someone did); a token whose expiry has passed by `nowMs` is expired. */
export function tokenStatus(token: Pick<TokenDto, "revokedAt" | "expiresAt">, nowMs: number): TokenStatus {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= nowMs) return "expired";
  return "active";
}
