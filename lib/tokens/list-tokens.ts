import "server-only";
import type { TokenDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";
import { toTokenDto } from "./token-dto";

export async function listTokens(db: Db): Promise<TokenDto[]> {
  return (await db.apiToken.findMany({ orderBy: { createdAt: "desc" } })).map(toTokenDto);
}
