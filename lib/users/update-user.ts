import "server-only";
import { isUuid } from "@/lib/util/uuid";
import type { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import { hashPassword } from "@/lib/auth/credentials";
import type { DbTransaction } from "@/lib/db/prisma";
import { toUserDto } from "./user-dto";
import type { updateUserInput } from "./user-input";

/** Advisory lock key serialising changes that could remove an admin. */
const ADMIN_CHANGE_LOCK = 0x71776164; // "qwad"

/** Refuses a change that would leave no enabled admin (nobody could manage users or tokens any more). */
export async function assertAnotherAdmin(tx: DbTransaction, userId: string, target: string): Promise<void> {
  // One admin change at a time: two concurrent "demote the other one" requests must not both see an admin left.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`;
  const others = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new ActionError(409, "last_admin", "this is the last enabled admin: make another user admin first", { target });
}

export async function findUserOr404(tx: DbTransaction, userId: string) {
  const user = isUuid(userId) ? await tx.user.findUnique({ where: { id: userId } }) : null;
  if (!user) throw new ActionError(404, "not_found", `no user with id "${userId}"`, { target: `user-id:${userId.slice(0, 64)}` });
  return user;
}

/** An admin changes a user's role, enables/disables them, or sets a new password (local users only). Disabling ends their sessions. */
export async function updateUser({ tx, input, params, now }: ActionContext<z.output<typeof updateUserInput>, { userId: string }>): Promise<ActionOutcome> {
  const user = await findUserOr404(tx, params.userId);
  const target = `user:${user.username}`;
  const losesAdmin = (input.role !== undefined && input.role !== "admin") || input.disabled === true;
  if (user.role === "admin" && losesAdmin) await assertAnotherAdmin(tx, user.id, target);
  if (input.password !== undefined && user.oidcSubject !== null) throw new ActionError(400, "bad_request", "this user signs in through OIDC and has no password here", { target });
  const updated = await tx.user.update({
    where: { id: user.id },
    data: {
      role: input.role,
      disabledAt: input.disabled === undefined ? undefined : input.disabled ? (user.disabledAt ?? now) : null,
      passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
    },
  });
  if (input.disabled === true || input.password !== undefined) await tx.session.deleteMany({ where: { userId: user.id } });
  const after = { ...toUserDto(updated), ...(input.password === undefined ? {} : { password: "(changed)" }) };
  return { target, before: toUserDto(user), after, body: { user: toUserDto(updated) } };
}
