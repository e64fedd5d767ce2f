import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/prisma";
import type { Silence } from "@prisma/client";
import type { SilenceDto } from "../alert-dto";
import { matcherSchema } from "../rule-schema";

export function toSilenceDto(row: Silence, now: Date): SilenceDto {
  const status = row.endsAt <= now ? "expired" : row.startsAt > now ? "pending" : "active";
  return { id: row.id, matchers: z.array(matcherSchema).catch([]).parse(row.matchers), startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), comment: row.comment, createdBy: row.createdBy, status };
}

/** Active and pending silences, then those that ended in the last 7 days. */
export async function listSilences(db: Db, now: Date): Promise<SilenceDto[]> {
  const rows = await db.silence.findMany({ where: { endsAt: { gt: new Date(now.getTime() - 7 * 86_400_000) } }, orderBy: [{ endsAt: "desc" }], take: 500 });
  const order = { active: 0, pending: 1, expired: 2 } as const;
  return rows.map((row) => toSilenceDto(row, now)).sort((a, b) => order[a.status] - order[b.status]);
}
