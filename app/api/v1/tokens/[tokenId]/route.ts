import { mutation } from "@/lib/api/mutation";
import { revokeToken } from "@/lib/tokens/revoke-token";
import { noInput } from "@/lib/users/user-input";

export const dynamic = "force-dynamic";

/** Revokes the token (the row stays, for the list and the audit log). */
export const DELETE = mutation<typeof noInput, { tokenId: string }>("DELETE /api/v1/tokens/[tokenId]", { action: "token.revoke", input: noInput, run: revokeToken });
