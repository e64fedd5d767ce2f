import "server-only";
import { z } from "zod";
import type { Prisma } from "@prisma/client";
import type { AuditEventDto, AuditPageDto } from "@/lib/api/types";
import type { Db } from "@/lib/db/prisma";

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const text = z.string().trim().max(200).optional().transform((value) => (value === "" ? undefined : value));

export const auditQuerySchema = z.strictObject({
  /** exact actor ("user:alice") or a part of it */
  actor: text,
  /** an action ("user.create") or its prefix ("user.") */
  action: text,
  /** a part of the target */
  target: text,
  result: z.enum(["ok", "denied", "failed"]).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** the id of the last event of the previous page */
  before: z.string().regex(/^\d{1,19}$/, "must be an event id").optional(),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** Newest first; filters combine. */
export async function queryAudit(db: Db, query: AuditQuery): Promise<AuditPageDto> {
  const where: Prisma.AuditEventWhereInput = {
    actor: query.actor ? { contains: query.actor, mode: "insensitive" } : undefined,
    action: query.action ? { startsWith: query.action } : undefined,
    target: query.target ? { contains: query.target, mode: "insensitive" } : undefined,
    result: query.result,
    at: query.from || query.to ? { gte: query.from, lt: query.to } : undefined,
    id: query.before ? { lt: BigInt(query.before) } : undefined,
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const events: AuditEventDto[] = page.map((row) => ({
    id: row.id.toString(),
    at: row.at.toISOString(),
    actor: row.actor,
    actorKind: row.actorKind,
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
    result: row.result as AuditEventDto["result"],
    message: row.message,
    ip: row.ip,
    userAgent: row.userAgent,
  }));
  return { events, nextBefore: rows.length > query.limit ? (page.at(-1)?.id.toString() ?? null) : null };
}
