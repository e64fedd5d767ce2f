import "server-only";
import type { Db, DbTransaction } from "@/lib/db/prisma";
import { writeSamples, type SampleRow } from "./write-samples";

/**
 * One completed poll: its samples (series ids resolved; a failed poll has only its cluster-up 0) and, for a
 * successful poll, the kind's snapshot tables.
 */
export type PollOutcome = { clusterId: string; startedAt: Date; durationMs: number; samples: readonly SampleRow[] } & (
  | { error: string }
  | { error: null; writeSnapshot(tx: DbTransaction, clusterId: string, polledAt: Date): Promise<void> }
);

/**
 * Prisma's interactive transactions default to 5 s; a poll of a large cluster (1,000 groups,
 * 100,000+ group partitions) writes for longer than that on two cores.
 */
const RECORD_POLL_TRANSACTION = { maxWait: 10_000, timeout: 120_000 } as const;

/**
 * Writes one completed poll in a single transaction: the outcome and its samples (one batched insert), and for a
 * successful poll the kind's replacement snapshots. Readers never see half a poll.
 */
export async function recordPoll(db: Db, outcome: PollOutcome): Promise<void> {
  const { clusterId, startedAt, durationMs, error } = outcome;
  const polledAt = new Date(startedAt.getTime() + durationMs);
  await db.$transaction(async (tx) => {
    await tx.pollRun.create({ data: { clusterId, startedAt, durationMs, ok: error === null, error } });
    await writeSamples(tx, outcome.samples);
    if (outcome.error !== null) {
      await tx.cluster.update({ where: { id: clusterId }, data: { status: "down", lastPolledAt: polledAt, lastPollDurationMs: durationMs, lastError: error } });
      // Only the first failure of a streak sets downSince; later failures keep it.
      await tx.cluster.updateMany({ where: { id: clusterId, downSince: null }, data: { downSince: startedAt } });
      return;
    }
    await tx.cluster.update({
      where: { id: clusterId },
      data: { status: "up", lastPolledAt: polledAt, lastSuccessAt: polledAt, downSince: null, lastPollDurationMs: durationMs, lastError: null },
    });
    await outcome.writeSnapshot(tx, clusterId, polledAt);
  }, RECORD_POLL_TRANSACTION);
}
