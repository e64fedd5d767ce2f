import "server-only";
import type { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import type { noInput } from "./user-input";
import { toUserDto } from "./user-dto";
import { assertAnotherAdmin, findUserOr404 } from "./update-user";

/** An admin removes a user (their sessions go with them). Nobody removes themselves or the last admin. */
export async function deleteUser({ tx, params, principal }: ActionContext<z.output<typeof noInput>, { userId: string }>): Promise<ActionOutcome> {
  const user = await findUserOr404(tx, params.userId);
  const target = `user:${user.username}`;
  if (principal.kind === "user" && principal.id === user.id) throw new ActionError(409, "conflict", "you cannot delete yourself", { target });
  if (user.role === "admin") await assertAnotherAdmin(tx, user.id, target);
  await tx.user.delete({ where: { id: user.id } });
  return { target, before: toUserDto(user), body: { deleted: user.id } };
}
