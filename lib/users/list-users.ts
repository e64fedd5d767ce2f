import "server-only";
import type { UserDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";
import { toUserDto } from "./user-dto";

export async function listUsers(db: Db): Promise<UserDto[]> {
  return (await db.user.findMany({ orderBy: { username: "asc" } })).map(toUserDto);
}
