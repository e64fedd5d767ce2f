import "server-only";
import type { MeDto } from "@/lib/api/types";
import { getPrisma } from "@/lib/db/prisma";
import type { Principal } from "./roles";

/** The signed-in caller as the pages show them. */
export async function describeMe(principal: Principal): Promise<MeDto | null> {
  if (principal.kind === "anonymous") return null;
  if (principal.kind === "token") return { kind: "token", name: principal.name, role: principal.role, canChangePassword: false };
  const user = await getPrisma().user.findUnique({ where: { id: principal.id }, select: { passwordHash: true } });
  return { kind: "user", name: principal.name, role: principal.role, canChangePassword: (user?.passwordHash ?? null) !== null };
}
