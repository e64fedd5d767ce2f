import "server-only";
import type { Prisma } from "@prisma/client";
import type { DbTransaction } from "@/lib/db/prisma";
import type { Db } from "@/lib/db/prisma";

export type AuditResult = "ok" | "denied" | "failed";

export interface AuditEntry {
  at: Date;
  /** "user:<name>", "token:<name>", "anonymous" or "system" */
  actor: string;
  actorKind: "user" | "token" | "anonymous" | "system";
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  result: AuditResult;
  message?: string;
  ip?: string | null;
  userAgent?: string | null;
}

const jsonOrNull = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Writes one audit row; inside the change's own transaction for every change that happened. */
export async function recordAudit(db: DbTransaction | Db, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      at: entry.at,
      actor: entry.actor.slice(0, 300),
      actorKind: entry.actorKind,
      action: entry.action,
      target: entry.target.slice(0, 500),
      before: jsonOrNull(entry.before),
      after: jsonOrNull(entry.after),
      result: entry.result,
      message: entry.message?.slice(0, 2000) ?? null,
      ip: entry.ip?.slice(0, 100) ?? null,
      userAgent: entry.userAgent?.slice(0, 500) ?? null,
    },
  });
}
