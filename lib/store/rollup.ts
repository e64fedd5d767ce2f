import "server-only";
import { Prisma } from "@prisma/client";
import type { Db } from "@/lib/db/prisma";
import { listPartitions, type PartitionManager } from "./partition-manager";
import { partitionStartFromName } from "./partitions";

export const DEFAULT_LATENESS_SECONDS = 120;

export interface RollupPassResult {
  tier: "1m" | "1h";
  from: Date;
  to: Date;
  rows: number;
  doneUntil: Date;
}

const floorTo = (ms: number, stepMs: number) => Math.floor(ms / stepMs) * stepMs;

async function doneUntil(db: Db, tier: "1m" | "1h"): Promise<number | null> {
  const state = await db.rollupState.findUnique({ where: { tier } });
  return state ? state.doneUntil.getTime() : null;
}

/** Where a tier starts the first time: the oldest partition of its source table. */
async function oldestSourceStart(db: Db, source: "samples" | "rollup_1m"): Promise<number | null> {
  const starts = (await listPartitions(db, source)).map((n) => partitionStartFromName(n, source)).filter((s): s is number => s !== null);
  return starts.length === 0 ? null : Math.min(...starts);
}

/**
 * Recomputes every 1-minute bucket from `done_until` (the first bucket that may still
 * change) up to now from raw samples, then every 1-hour bucket from its own watermark
 * from the 1-minute rows. Whole buckets are recomputed and replace what is stored, so a
 * pass run twice, or re-run after a crash (each tier is one transaction), never double
 * counts; samples arriving late inside the open window are picked up by the next pass.
 * Buckets older than now − lateness are final and not read again.
 */
export async function runRollupPass(db: Db, partitions: PartitionManager, nowMs: number, latenessSeconds = DEFAULT_LATENESS_SECONDS): Promise<RollupPassResult[]> {
  const results: RollupPassResult[] = [];

  const minuteStart = (await doneUntil(db, "1m")) ?? (await oldestSourceStart(db, "samples"));
  if (minuteStart !== null) {
    const from = floorTo(minuteStart, 60_000);
    const done = Math.max(from, floorTo(nowMs - latenessSeconds * 1000, 60_000));
    results.push(await recomputeTier(db, partitions, "1m", from, done, nowMs));
  }
  const minuteDone = await doneUntil(db, "1m");
  const hourStart = (await doneUntil(db, "1h")) ?? (await oldestSourceStart(db, "rollup_1m"));
  if (minuteDone !== null && hourStart !== null) {
    const from = floorTo(hourStart, 3_600_000);
    results.push(await recomputeTier(db, partitions, "1h", from, Math.max(from, floorTo(minuteDone, 3_600_000)), nowMs));
  }
  return results;
}

// Each tier's buckets, computed from its source: 1m from raw samples, 1h by merging 1m rows.
const TIER_SQL: Record<"1m" | "1h", (from: Date, to: Date) => Prisma.Sql> = {
  "1m": (from, to) => Prisma.sql`
    INSERT INTO rollup_1m (series_id, bucket, min, max, sum, count, last, last_ts)
    SELECT series_id, date_bin('1 minute', ts, TIMESTAMPTZ 'epoch'), min(value), max(value), sum(value), count(*),
           (array_agg(value ORDER BY ts DESC))[1], max(ts)
    FROM samples WHERE ts >= ${from} AND ts < ${to}
    GROUP BY 1, 2
    ON CONFLICT (series_id, bucket) DO UPDATE SET min = EXCLUDED.min, max = EXCLUDED.max, sum = EXCLUDED.sum,
      count = EXCLUDED.count, last = EXCLUDED.last, last_ts = EXCLUDED.last_ts`,
  "1h": (from, to) => Prisma.sql`
    INSERT INTO rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts)
    SELECT series_id, date_bin('1 hour', bucket, TIMESTAMPTZ 'epoch'), min(min), max(max), sum(sum), sum(count)::int,
           (array_agg(last ORDER BY last_ts DESC))[1], max(last_ts)
    FROM rollup_1m WHERE bucket >= ${from} AND bucket < ${to}
    GROUP BY 1, 2
    ON CONFLICT (series_id, bucket) DO UPDATE SET min = EXCLUDED.min, max = EXCLUDED.max, sum = EXCLUDED.sum,
      count = EXCLUDED.count, last = EXCLUDED.last, last_ts = EXCLUDED.last_ts`,
};

/** Bounded work per transaction, so a long backfill makes progress and never hits the timeout. */
const CHUNK_MS: Record<"1m" | "1h", number> = { "1m": 3_600_000, "1h": 86_400_000 };

/**
 * Replaces the tier's buckets in [from, now], chunk by chunk; each chunk and the watermark
 * move together in one transaction, so a crash resumes where it stopped.
 */
async function recomputeTier(db: Db, partitions: PartitionManager, tier: "1m" | "1h", from: number, done: number, nowMs: number): Promise<RollupPassResult> {
  await partitions.ensure(db, tier === "1m" ? "rollup_1m" : "rollup_1h", from, nowMs);
  let rows = 0;
  for (let start = from; start <= nowMs; start += CHUNK_MS[tier]) {
    const last = start + CHUNK_MS[tier] > nowMs;
    const end = last ? nowMs + 1 : start + CHUNK_MS[tier];
    const watermark = last ? done : Math.min(done, end);
    rows += await db.$transaction(async (tx) => {
      const count = await tx.$executeRaw(TIER_SQL[tier](new Date(start), new Date(end)));
      await tx.rollupState.upsert({ where: { tier }, create: { tier, doneUntil: new Date(watermark) }, update: { doneUntil: new Date(watermark), updatedAt: new Date(nowMs) } });
      return count;
    }, { timeout: 600_000 });
  }
  return { tier, from: new Date(from), to: new Date(nowMs), rows, doneUntil: new Date(done) };
}
