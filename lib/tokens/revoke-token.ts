import "server-only";
import { isUuid } from "@/lib/util/uuid";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import type { DbTransaction } from "@/lib/db/prisma";
import { toTokenDto } from "./token-dto";

/** Revokes a token at once (the next request with it answers 401). Revoking twice changes nothing and says so. Shared by the API and the CLI. */
export async function revokeTokenById(tx: DbTransaction, tokenId: string, now: Date): Promise<Omit<ActionOutcome, "body"> & { body: { token: ReturnType<typeof toTokenDto> } }> {
  const token = isUuid(tokenId) ? await tx.apiToken.findUnique({ where: { id: tokenId } }) : null;
  if (!token) throw new ActionError(404, "not_found", `no API token with id "${tokenId.slice(0, 64)}"`, { target: `token-id:${tokenId.slice(0, 64)}` });
  const target = `token:${token.name}`;
  if (token.revokedAt !== null) throw new ActionError(409, "conflict", `token "${token.name}" was already revoked at ${token.revokedAt.toISOString()}`, { target });
  const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
  return { target, before: toTokenDto(token), after: toTokenDto(revoked), body: { token: toTokenDto(revoked) } };
}

export const revokeToken = ({ tx, params, now }: ActionContext<unknown, { tokenId: string }>): Promise<ActionOutcome> => revokeTokenById(tx, params.tokenId, now);
