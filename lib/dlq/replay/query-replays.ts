import "server-only";
import type { ReplayJob } from "@prisma/client";
import type { Db } from "@/lib/db/prisma";
import type { ReplayDto } from "../dead-letter-dto";
import { sourceRefOf } from "../source-key";

export function toReplayDto(row: ReplayJob): ReplayDto {
  return {
    id: row.id, cluster: row.clusterId, source: sourceRefOf(row.sourceKey), action: row.action, status: row.status, requested: row.requested,
    dryRun: row.dryRun, edited: typeof row.selection === "object" && row.selection !== null && "edit" in row.selection, ratePerSecond: row.ratePerSecond, target: row.target ?? null, total: row.total,
    sent: row.sent, skipped: row.skipped, parked: row.parked, failed: row.failed,
    byTarget: (row.byTarget ?? {}) as Record<string, number>,
    errors: Array.isArray(row.errors) ? (row.errors as unknown[]).map(String) : [],
    createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null, updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getReplay(db: Db, id: string): Promise<ReplayDto | null> {
  const row = await db.replayJob.findUnique({ where: { id } });
  return row ? toReplayDto(row) : null;
}

export async function listReplays(db: Db, filter: { clusterId?: string; limit: number }): Promise<ReplayDto[]> {
  const rows = await db.replayJob.findMany({ where: filter.clusterId ? { clusterId: filter.clusterId } : {}, orderBy: { createdAt: "desc" }, take: filter.limit });
  return rows.map(toReplayDto);
}
