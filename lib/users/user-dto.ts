import type { User } from "@prisma/client";
import type { RoleDto, UserDto } from "@/lib/api/types";

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role as RoleDto,
    source: user.oidcSubject === null ? "local" : "oidc",
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
