import type { ApiToken } from "@prisma/client";
import type { RoleDto, TokenDto } from "@/lib/api/types";

export function toTokenDto(token: ApiToken): TokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    role: token.role as RoleDto,
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
