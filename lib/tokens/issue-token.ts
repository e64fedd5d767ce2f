import "server-only";
import { newSecret } from "@/lib/auth/credentials";
import { TOKEN_PREFIX } from "@/lib/auth/api-tokens";
import { parseDuration } from "@/lib/auth/duration";
import type { CreatedTokenDto } from "@/lib/api/types";
import type { DbTransaction } from "@/lib/db/prisma";
import { toTokenDto } from "./token-dto";
import type { CreateTokenInput } from "./token-input";

/** Creates a token row (only the secret's hash is kept) and returns the secret, once. Shared by the API and `npm run token`; the caller audits. */
export async function issueToken(tx: DbTransaction, input: CreateTokenInput, createdBy: string, now: Date): Promise<CreatedTokenDto> {
  const secret = newSecret(TOKEN_PREFIX);
  const lifetime = input.expires ? parseDuration(input.expires) : null;
  const token = await tx.apiToken.create({
    data: {
      name: input.name,
      role: input.role,
      prefix: secret.value.slice(0, TOKEN_PREFIX.length + 6),
      tokenHash: secret.hash,
      createdBy,
      createdAt: now,
      expiresAt: lifetime === null ? null : new Date(now.getTime() + lifetime),
    },
  });
  return { token: toTokenDto(token), secret: secret.value };
}
