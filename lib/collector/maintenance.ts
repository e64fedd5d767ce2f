import "server-only";
import type { Db } from "@/lib/db/prisma";
import type { Logger } from "@/lib/log/logger";
import { runRetentionPass } from "@/lib/store/retention";
import { runRollupPass } from "@/lib/store/rollup";
import type { StoreWriter } from "@/lib/store/store-writer";
import type { RetentionDays } from "@/lib/store/tiers";
import { describeError } from "@/lib/util/describe-error";

export const ROLLUP_EVERY_MS = 60_000;
export const RETENTION_EVERY_MS = 10 * 60_000;
const SLOW_PASS_MS = 5000;

/**
 * Store upkeep inside the collector process: a rollup pass every minute, and retention
 * (drop expired partitions, create the coming days') every ten minutes and at start.
 */
export function startMaintenance(db: Db, store: StoreWriter, retention: RetentionDays, logger: Logger): { stop(): Promise<void> } {
  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  /** A pass reports what it did; `notable` (it changed something worth knowing) logs at info. */
  const guarded = (name: string, task: () => Promise<{ summary: string; notable: boolean }>) => () => {
    if (stopping) return;
    running = running.then(async () => {
      try {
        const started = performance.now();
        const { summary, notable } = await task();
        const ms = Math.round(performance.now() - started);
        const line = `[store] ${name}${summary ? `: ${summary}` : ""} in ${ms} ms`;
        // Routine passes at debug; one that changed something or was slow at info.
        if (notable || ms > SLOW_PASS_MS) logger.info(line);
        else logger.debug(line);
      } catch (error) {
        logger.error(`[store] ${name} failed: ${describeError(error)}`);
      }
    });
  };
  const retentionTask = guarded("retention", async () => {
    const result = await runRetentionPass(db, store.partitions, Date.now(), retention);
    return result.dropped.length > 0 ? { summary: `dropped ${result.dropped.join(", ")}`, notable: true } : { summary: "nothing expired", notable: false };
  });
  const rollupTask = guarded("rollup", async () => {
    const results = await runRollupPass(db, store.partitions, Date.now());
    return { summary: results.map((r) => `${r.tier} ${r.rows} rows`).join(", "), notable: false };
  });
  retentionTask();
  const timers = [setInterval(rollupTask, ROLLUP_EVERY_MS), setInterval(retentionTask, RETENTION_EVERY_MS)];
  return {
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      await running;
    },
  };
}
