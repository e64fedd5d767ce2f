import "server-only";
import { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import { newPasswordSchema } from "@/lib/users/user-input";
import { hashPassword, verifyPassword } from "./credentials";

export const changePasswordInput = z.strictObject({ currentPassword: z.string().min(1, "is required").max(1024, "is too long"), newPassword: newPasswordSchema });

/** A local user changes their own password; their other sessions end, this one stays. */
export async function changePassword({ tx, input, principal }: ActionContext<z.output<typeof changePasswordInput>, unknown>): Promise<ActionOutcome> {
  if (principal.kind !== "user") throw new ActionError(400, "bad_request", "API tokens have no password");
  const target = `user:${principal.name}`;
  const user = await tx.user.findUniqueOrThrow({ where: { id: principal.id } });
  if (user.passwordHash === null) throw new ActionError(400, "bad_request", "you sign in through OIDC: change your password at your identity provider", { target });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new ActionError(400, "wrong_password", "the current password is wrong", { target });
  if (input.newPassword === input.currentPassword) throw new ActionError(400, "bad_request", "the new password is the same as the current one", { target });
  await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  await tx.session.deleteMany({ where: { userId: user.id, id: { not: principal.sessionId } } });
  return { target, after: { password: "(changed)" }, body: { changed: true } };
}
