import "server-only";
import type { ClusterDto, ClusterStatusDto, HealthDto } from "@/lib/api/types";
import { describeError } from "@/lib/util/describe-error";
import { formatDuration } from "@/lib/client/format";
import type { QueuewatchConfig } from "@/lib/config/schema";
import type { Db } from "@/lib/db/prisma";
import { queryClusters } from "./query-clusters";

/** A cluster not polled (successfully or not) for this many intervals means the collector is not doing its job. */
export const HEALTHY_WITHIN_INTERVALS = 3;

type PollTimes = Pick<ClusterDto, "id" | "status" | "lastPolledAt" | "pollIntervalSeconds">;

/**
 * Queuewatch's own health for load balancers and uptime checks: the database answers and the collector
 * polled every cluster within 3 intervals. A broker that is down is not Queuewatch failing (its failed
 * polls still count as polls): that is what the overview reports.
 */
export function evaluateHealth(clusters: readonly PollTimes[] | { databaseError: string }, now: Date): HealthDto {
  const checkedAt = now.toISOString();
  if ("databaseError" in clusters) return { status: "unavailable", reasons: [`database: ${clusters.databaseError}`], database: "error", clusters: [], checkedAt };
  const reasons: string[] = [];
  const rows = clusters.map((c) => {
    const limitSeconds = HEALTHY_WITHIN_INTERVALS * c.pollIntervalSeconds;
    const ageSeconds = c.lastPolledAt === null ? null : (now.getTime() - Date.parse(c.lastPolledAt)) / 1000;
    const polledInTime = ageSeconds !== null && ageSeconds <= limitSeconds;
    if (!polledInTime) {
      const limit = `limit ${formatDuration(limitSeconds)} = ${HEALTHY_WITHIN_INTERVALS} × ${c.pollIntervalSeconds} s poll interval`;
      reasons.push(ageSeconds === null ? `cluster "${c.id}" was never polled (${limit})` : `cluster "${c.id}" not polled for ${formatDuration(ageSeconds)} (${limit})`);
    }
    return { id: c.id, status: c.status, lastPolledAt: c.lastPolledAt, pollIntervalSeconds: c.pollIntervalSeconds, polledInTime };
  });
  return { status: reasons.length === 0 ? "ok" : "unavailable", reasons, database: "ok", clusters: rows, checkedAt };
}

/** Prisma's errors quote the failed call over several lines; the last line says what went wrong. */
function databaseErrorOf(error: unknown): string {
  const lines = describeError(error).split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? "unknown error";
}

export async function queryHealth(db: Db, config: QueuewatchConfig, now: Date): Promise<HealthDto> {
  let clusters: ClusterStatusDto[];
  try {
    clusters = await queryClusters(db, config, now);
  } catch (error) {
    return evaluateHealth({ databaseError: databaseErrorOf(error) }, now);
  }
  return evaluateHealth(clusters, now);
}
