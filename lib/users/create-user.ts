import "server-only";
import type { z } from "zod";
import { ActionError, type ActionContext, type ActionOutcome } from "@/lib/api/mutation";
import { hashPassword } from "@/lib/auth/credentials";
import { toUserDto } from "./user-dto";
import type { createUserInput } from "./user-input";

/** An admin adds a local user. */
export async function createUser({ tx, input }: ActionContext<z.output<typeof createUserInput>, unknown>): Promise<ActionOutcome> {
  const target = `user:${input.username}`;
  if (await tx.user.findUnique({ where: { username: input.username } })) throw new ActionError(409, "conflict", `a user named "${input.username}" already exists`, { target });
  const user = await tx.user.create({ data: { username: input.username, role: input.role, passwordHash: await hashPassword(input.password) } });
  const dto = toUserDto(user);
  return { target, after: dto, body: { user: dto }, status: 201 };
}
